import * as z from '../domain/schema';
import { ForbiddenChangeError, InvalidInputError, NotFoundError, StaleVersionError, parseOrThrow } from '../domain/errors';
import {
  CaseNumberInputSchema,
  CaseNumberSchema,
  OLDEST_CUSTODY_EVENT_DAYS,
  custodyEventDateProblem,
  CustodyEventTypeSchema,
  EmailSchema,
  NoticeChannelSchema,
  noticeText,
  type CaseNumber,
  type CustodyEvent,
  type NoticeChannel,
  type Registration,
} from '../domain/notifications';
import { message } from '../domain/catalog/texts';
import { allowed, assertAllowed, type StaffMember } from '../domain/permissions';
import { PhoneSchema, toE164, type E164, type HotlineNumbers } from '../domain/phone';
import { newTexter } from '../domain/sms/conversation';
import { LanguageSchema, type Language } from '../domain/taxonomy';
import { registrationEntry, registrationSummary } from '../domain/registration-record';
import type { AuditLog } from '../ports/audit-log';
import type { IntakeStore } from '../ports/intake-store';
import type { Clock } from '../ports/clock';
import type { SmsSender } from '../ports/sms-sender';
import type { TexterStore } from '../ports/texter-store';
import type { CustodyEventStore, DeliveryState, EmailSender, RegistrationStore, WorkQueue } from '../ports/victim-notices';

/** A page of a case's registrations to turn into notices (a fan-out queue message). */
export const FanOutTaskSchema = z.lazy(() => z.object({ caseNumber: CaseNumberSchema, eventId: z.string().check(z.minLength(1)), cursor: z.optional(z.string()) }));
export type FanOutTask = z.infer<typeof FanOutTaskSchema>;

/** One notice: an event, a registrant, a channel (a notice queue message). No contact data travels in the queue. */
export const NoticeTaskSchema = z.lazy(() => z.object({ caseNumber: CaseNumberSchema, eventId: z.string().check(z.minLength(1)), registrationId: z.string().check(z.minLength(1)), channel: NoticeChannelSchema }));
export type NoticeTask = z.infer<typeof NoticeTaskSchema>;

export interface RegistrationDeps {
  registrations: RegistrationStore;
  texters: TexterStore;
  clock: Clock;
}

/** What asking a number to confirm needs: its texter, read and saved with the question. */
type ConfirmDeps = { texters: Pick<TexterStore, 'load' | 'save'>; clock: Clock };

/** What registering by voice or text needs: a registration created, and the number asked to confirm it. */
export type RegisterDeps = ConfirmDeps & { registrations: Pick<RegistrationStore, 'create'> };

/** What a texter's YES, NO or STOP changes: their registrations' status. */
export type RegistrantDeps = { registrations: Pick<RegistrationStore, 'activate' | 'withdraw' | 'byPhone'> };

/** What registering and withdrawing need besides: where registrations show, the intake each belongs to. */
export interface IntakeLink {
  intakes: Pick<IntakeStore, 'appendEvent' | 'create' | 'get'>;
}

/**
 * The registration on its intake's timeline, once (its id is the event's): a repeated call, text
 * or form adds nothing. `alreadyRegistered`: the contact had a registration for the case, which
 * is what the entry shows.
 */
async function showOnIntake(intakeId: string, registration: Registration, actor: string, alreadyRegistered: boolean, deps: IntakeLink): Promise<void> {
  await deps.intakes.appendEvent(intakeId, registrationEntry(registration, alreadyRegistered), actor, `registration#${registration.id}`);
}

/** A registration confirmed or withdrawn: its intake's timeline says so, once per status. */
async function showStatusOnIntake(registration: Registration | undefined, actor: string, deps: IntakeLink): Promise<void> {
  if (!registration?.intakeId) return;
  await deps.intakes.appendEvent(
    registration.intakeId,
    { type: 'registration_status', registrationId: registration.id, caseNumber: registration.caseNumber, status: registration.status },
    actor,
    `registration#${registration.id}#${registration.status}`,
  );
}

/**
 * A registration by phone or text makes a victim services intake for it, so that victim staff
 * see it in their queue and get a Connect task for it: written before the registration, which
 * names it, and idempotent on the same source.
 */
async function intakeForRegistration(
  input: { sourceKey: string; channel: 'voice' | 'sms'; language: Language; phone: E164; caseNumber: CaseNumber },
  deps: IntakeLink,
): Promise<string> {
  const { intake } = await deps.intakes.create({
    sourceKey: `registration:${input.sourceKey}`,
    category: 'victim',
    language: input.language,
    channel: input.channel,
    phone: input.phone,
    summary: registrationSummary(input.channel, input.language, input.caseNumber),
    // The call ends in the flow, in no queue: a Connect task brings it to victim staff, as a text's does.
    ...(input.channel === 'voice' ? { needsTask: true } : {}),
  });
  return intake.id;
}

/** Registrants fanned out per page (one function run each: 5,000 registrants are 10 runs). */
export const FAN_OUT_PAGE = 500;

/**
 * A number must say YES before it gets notices when someone else typed it in (staff) or when the
 * only proof is a caller ID: queue the question and remember what it is about.
 */
async function askToConfirm(phone: E164, registration: Registration, deps: ConfirmDeps): Promise<'queued' | 'opted_out'> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.texters.load(phone);
    if (stored?.texter.optedOut) return 'opted_out';
    const texter = stored?.texter ?? newTexter(deps.clock());
    const language = texter.language ?? registration.language;
    const awaiting = [...(texter.awaitingConfirmation ?? []).filter((entry) => entry.id !== registration.id), { caseNumber: registration.caseNumber, id: registration.id }];
    const text = { id: `confirm:${registration.id}`, text: message(language, 'notice.confirmTextRegistration', { caseNumber: registration.caseNumber }), at: deps.clock().toISOString() };
    try {
      await deps.texters.save(phone, { ...texter, language, awaitingConfirmation: awaiting }, stored?.version, [text]);
      return 'queued';
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
  throw new Error('The texter kept changing');
}

/** A caller registers from the victim menu; the number they call from confirms by text. */
export async function registerByVoice(
  input: { contactId: string; callerNumber: string | undefined; caseNumber: string; language: Language },
  deps: RegisterDeps & IntakeLink,
): Promise<{ result: 'sent' | 'no_number' | 'invalid_case' }> {
  const caseNumber = CaseNumberInputSchema.safeParse(input.caseNumber);
  if (!caseNumber.success) return { result: 'invalid_case' };
  const phone = input.callerNumber ? toE164(input.callerNumber) : undefined;
  if (!phone) return { result: 'no_number' };
  const sourceKey = `voice:${input.contactId}`;
  const intakeId = await intakeForRegistration({ sourceKey, channel: 'voice', language: input.language, phone, caseNumber: caseNumber.data }, deps);
  const { registration, alreadyRegistered } = await deps.registrations.create({
    sourceKey,
    caseNumber: caseNumber.data,
    language: input.language,
    channels: ['sms'],
    phone,
    source: 'voice',
    createdBy: 'caller',
    active: false,
    intakeId,
  });
  await showOnIntake(intakeId, registration, 'caller', !!alreadyRegistered, deps);
  if (registration.status !== 'pending') return { result: 'sent' };
  // The same answer whether or not the number opted out of texts: a caller (who can fake caller
  // ID) must not learn from the phone menu, or from Connect's flow logs, that a number ever did.
  await askToConfirm(phone, registration, deps);
  return { result: 'sent' };
}

/** A texter registers in the victim conversation: texting from the number proves it is theirs. */
export async function registerByText(
  input: { messageId: string; phone: E164; caseNumber: CaseNumber; language: Language; channel: NoticeChannel; email?: string },
  deps: RegisterDeps & IntakeLink,
): Promise<{ registration: Registration; intakeId: string }> {
  const sourceKey = `sms:${input.messageId}`;
  const intakeId = await intakeForRegistration({ sourceKey, channel: 'sms', language: input.language, phone: input.phone, caseNumber: input.caseNumber }, deps);
  const { registration, alreadyRegistered } = await deps.registrations.create({
    sourceKey,
    caseNumber: input.caseNumber,
    language: input.language,
    channels: [input.channel],
    phone: input.phone,
    ...(input.email ? { email: input.email } : {}),
    source: 'sms',
    createdBy: 'texter',
    active: true,
    intakeId,
  });
  await showOnIntake(intakeId, registration, 'texter', !!alreadyRegistered, deps);
  return { registration, intakeId };
}

/** YES or NO to the confirmation text, for the registrations it was about. */
export async function answerConfirmation(registrations: { caseNumber: string; id: string }[], confirm: boolean, deps: RegistrantDeps & IntakeLink): Promise<void> {
  for (const { caseNumber, id } of registrations) {
    const changed = confirm ? await deps.registrations.activate(caseNumber, id) : await deps.registrations.withdraw(caseNumber, id, 'registrant');
    await showStatusOnIntake(changed, 'registrant', deps);
  }
}

/** WITHDRAW by text: every registration of the number ends. */
export async function withdrawByPhone(phone: E164, deps: RegistrantDeps & IntakeLink): Promise<string[]> {
  const withdrawn: string[] = [];
  for (const registration of await deps.registrations.byPhone(phone)) {
    const ended = registration.status !== 'withdrawn' ? await deps.registrations.withdraw(registration.caseNumber, registration.id, 'registrant') : undefined;
    if (ended) {
      withdrawn.push(registration.caseNumber);
      await showStatusOnIntake(ended, 'registrant', deps);
    }
  }
  return withdrawn;
}

/** What staff do with a case: register and withdraw on behalf, see its registrations and events, record one. */
export interface CaseDeps extends ConfirmDeps {
  registrations: Pick<RegistrationStore, 'create' | 'withdraw' | 'listByCase'>;
  events: Pick<CustodyEventStore, 'record' | 'listByCase' | 'deliveryCounts'>;
  audit: AuditLog;
  /** How far back a custody event may be dated (OLDEST_CUSTODY_EVENT_DAYS unless configured). */
  oldestEventDays?: number;
}

const OnBehalfSchema = z.lazy(() => z
  .object({
    language: LanguageSchema,
    phone: z.optional(PhoneSchema),
    email: z.optional(EmailSchema),
    /** The form's key: submitting twice registers once. */
    key: z.string().check(z.minLength(8), z.maxLength(100)),
    /** The victim services intake it is registered from: the registration shows on its timeline. */
    intakeId: z.optional(z.string().check(z.regex(/^\d{10}$/, 'an intake reference number is 10 digits'))),
  })
  .check(z.refine((body) => body.phone || body.email, { message: 'a phone number or an e-mail address is needed', path: ['phone'], params: { code: 'contactNeeded' } })));

/** A registration staff made, or the one that has its number or address already (`alreadyRegistered`: which contact; the console says it). */
export type OnBehalfResult = Registration & { alreadyRegistered?: { contact: 'phone' | 'email' } };

/** Staff register someone on their behalf; a phone number still confirms by text. A contact the case has already is not registered twice. */
export async function registerOnBehalf(staff: StaffMember, caseNumber: string, body: unknown, deps: CaseDeps & IntakeLink): Promise<OnBehalfResult> {
  assertAllowed(staff, 'register_victim', 'victim');
  const validCase = parseOrThrow(CaseNumberInputSchema, 'case number', caseNumber);
  const input = parseOrThrow(OnBehalfSchema, 'registration', body);
  if (input.intakeId) {
    // Only an intake of victim services (which this staff member works): the link is on its timeline.
    // One of a category they do not work is answered as one that does not exist (issue 13).
    const intake = await deps.intakes.get(input.intakeId);
    if (!intake || !allowed(staff, 'view_intake', intake.category)) throw new NotFoundError(`Intake ${input.intakeId}`);
    if (intake.category !== 'victim') throw new ForbiddenChangeError({ code: 'registration.notVictimIntake', facts: { id: input.intakeId } });
  }
  const { registration, created, alreadyRegistered } = await deps.registrations.create({
    sourceKey: `console:${input.key}`,
    caseNumber: validCase,
    language: input.language,
    channels: [...(input.phone ? (['sms'] as const) : []), ...(input.email ? (['email'] as const) : [])],
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.email ? { email: input.email } : {}),
    source: 'console',
    createdBy: staff.username,
    active: !input.phone,
    ...(input.intakeId ? { intakeId: input.intakeId } : {}),
    audit: { action: 'register_victim' },
  });
  if (created && input.phone && (await askToConfirm(input.phone, registration, deps)) === 'opted_out') {
    await deps.registrations.withdraw(validCase, registration.id, staff.username, { action: 'withdraw_registration', after: { reason: 'number opted out of texts' } });
    throw InvalidInputError.ofField('registration', 'phone', { code: 'registration.optedOut' });
  }
  if (created && input.intakeId) await showOnIntake(input.intakeId, registration, staff.username, false, deps);
  if (alreadyRegistered) return { ...registration, alreadyRegistered: { contact: alreadyRegistered } };
  return registration;
}

export async function withdrawOnBehalf(staff: StaffMember, caseNumber: string, id: string, deps: CaseDeps & IntakeLink): Promise<Registration> {
  assertAllowed(staff, 'withdraw_registration', 'victim');
  const validCase = parseOrThrow(CaseNumberInputSchema, 'case number', caseNumber);
  const withdrawn = await deps.registrations.withdraw(validCase, id, staff.username, { action: 'withdraw_registration' });
  if (!withdrawn) throw new NotFoundError(`Registration ${id} (or it was withdrawn already)`, { code: 'not_found.registration', facts: { id } });
  await showStatusOnIntake(withdrawn, staff.username, deps);
  return withdrawn;
}

/** A case for victim staff: its registrations (contacts masked) and its events with their deliveries. */
export async function caseView(staff: StaffMember, caseNumber: string, deps: CaseDeps) {
  assertAllowed(staff, 'view_registrations', 'victim');
  const validCase = parseOrThrow(CaseNumberInputSchema, 'case number', caseNumber);
  const registrations: Registration[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.registrations.listByCase(validCase, cursor);
    registrations.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const events = await deps.events.listByCase(validCase);
  const withDeliveries = await Promise.all(events.map(async (event) => ({ ...event, deliveries: await deps.events.deliveryCounts(event.id) })));
  await deps.audit.record({ actor: staff.username, action: 'view_registrations', subject: { type: 'case', id: validCase } });
  const counts = { active: 0, pending: 0, withdrawn: 0 };
  for (const registration of registrations) counts[registration.status]++;
  return { caseNumber: validCase, registrations, counts, events: withDeliveries };
}

const EventBodySchema = z.lazy(() => z.object({ type: CustodyEventTypeSchema, date: z.iso.date(), key: z.string().check(z.minLength(8), z.maxLength(100)) }));

/**
 * Victim staff record what happened to the offender. The event is stored first; its notices go out
 * from there (the table's stream in AWS), so a failure later loses nothing.
 */
export async function recordCustodyEvent(staff: StaffMember, caseNumber: string, body: unknown, deps: CaseDeps): Promise<CustodyEvent> {
  assertAllowed(staff, 'record_custody_event', 'victim');
  const validCase = parseOrThrow(CaseNumberInputSchema, 'case number', caseNumber);
  const input = parseOrThrow(EventBodySchema, 'custody event', body);
  const problem = custodyEventDateProblem(input.type, input.date, deps.clock(), deps.oldestEventDays ?? OLDEST_CUSTODY_EVENT_DAYS);
  if (problem) {
    throw InvalidInputError.ofField('custody event', 'date', {
      code: problem.problem === 'not_yet' ? 'case.eventNotYet' : 'case.eventTooOld',
      facts: { event: input.type, date: input.date, ...(problem.problem === 'too_old' ? { days: problem.days } : {}) },
    });
  }
  const { event } = await deps.events.record({
    idempotencyKey: input.key,
    caseNumber: validCase,
    type: input.type,
    date: input.date,
    recordedBy: staff.username,
    audit: { action: 'record_custody_event', after: { type: input.type } },
  });
  return event;
}

export interface FanOutDeps {
  registrations: RegistrationStore;
  events: Pick<CustodyEventStore, 'listDueFanOuts' | 'postponeFanOut' | 'markFannedOut'>;
  fanOut: WorkQueue<FanOutTask>;
  notices: WorkQueue<NoticeTask>;
}

/**
 * One page of a case's registrations becomes notices; the next page is queued, not looped over.
 * After the last page the event is no longer pending: until then a crash loses nothing, the sweep
 * starts it over (and each delivery, claimed once, is sent once).
 */
export async function fanOutPage(task: FanOutTask, deps: FanOutDeps): Promise<{ notices: number; more: boolean }> {
  const page = await deps.registrations.listByCase(task.caseNumber, task.cursor, FAN_OUT_PAGE);
  const notices = page.items
    .filter((registration) => registration.status === 'active')
    .flatMap((registration) => registration.channels.map((channel) => ({ caseNumber: task.caseNumber, eventId: task.eventId, registrationId: registration.id, channel })));
  await deps.notices.send(notices);
  if (page.cursor) await deps.fanOut.send([{ ...task, cursor: page.cursor }]);
  else await deps.events.markFannedOut(task.caseNumber, task.eventId);
  return { notices: notices.length, more: !!page.cursor };
}

/** How long a fan-out the sweep started may take before the sweep starts it again. */
export const FAN_OUT_RETRY_MS = 15 * 60_000;

/** The sweep behind the stream: every event still pending after its grace time is fanned out again, from its first page. */
export async function fanOutDueEvents(deps: FanOutDeps & { clock: Clock }, limit = 25): Promise<{ fanned_out: number }> {
  const now = deps.clock();
  let fannedOut = 0;
  for (const event of await deps.events.listDueFanOuts(now, limit)) {
    await deps.events.postponeFanOut(event.caseNumber, event.id, new Date(now.getTime() + FAN_OUT_RETRY_MS));
    await fanOutPage({ caseNumber: event.caseNumber, eventId: event.id }, deps);
    fannedOut++;
  }
  return { fanned_out: fannedOut };
}

export interface DeliveryDeps {
  registrations: RegistrationStore;
  events: CustodyEventStore;
  texters: TexterStore;
  sms: SmsSender;
  email: EmailSender;
  /** Said in e-mail notices: how to reach the hotline to stop them. */
  hotline: HotlineNumbers;
}

/**
 * Sends one notice, once: the delivery record is claimed before sending and finished after, so a
 * redelivered task sends nothing twice. A failure is recorded (staff see it) and thrown (the
 * queue retries it, then dead-letters it).
 */
export async function deliverNotice(task: NoticeTask, deps: DeliveryDeps): Promise<Exclude<DeliveryState, 'sending'> | 'duplicate'> {
  // Claimed first, before anything that can throw: from here on a failure is on the record staff see.
  const claim = await deps.events.claimDelivery(task.eventId, task.registrationId, task.channel);
  if (claim === 'done') return 'duplicate';
  // Another copy of this message is being sent: leave this one to the queue's retry, which finds it done (or the sender dead).
  if (claim === 'busy') throw new Error('This notice is being sent by another worker');
  const finish = (state: Exclude<DeliveryState, 'sending'>, detail?: string) =>
    deps.events.finishDelivery(task.eventId, task.registrationId, task.channel, state, detail).then(() => state);
  try {
    const event = await deps.events.get(task.caseNumber, task.eventId);
    if (!event) return await finish('skipped', 'no such event');
    const found = await deps.registrations.withContact(task.caseNumber, task.registrationId);
    if (!found || found.registration.status !== 'active' || !found.registration.channels.includes(task.channel)) return await finish('skipped', 'registration not active');
    const { registration, phone, email } = found;
    if (task.channel === 'sms') {
      if (!phone) return await finish('skipped', 'no number');
      if ((await deps.texters.load(phone))?.texter.optedOut) return await finish('skipped', 'number opted out of texts');
      const { messageId } = await deps.sms.send(phone, noticeText(event, registration.language, 'sms', deps.hotline).body);
      return await finish('sent', messageId);
    }
    if (!email) return await finish('skipped', 'no e-mail address');
    const notice = noticeText(event, registration.language, 'email', deps.hotline);
    const { messageId } = await deps.email.send(email, notice.subject, notice.body);
    return await finish('sent', messageId);
  } catch (error) {
    await finish('failed', error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');
    throw error;
  }
}
