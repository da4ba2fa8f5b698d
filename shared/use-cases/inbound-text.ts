import { InvalidInputError, StaleVersionError } from '../domain/errors';
import { toE164, type E164 } from '../domain/phone';
import { NOTE_MAX_LENGTH } from '../domain/timeline';
import { DEFAULT_LIMITS, afterEffect, receive, renderReply, type Effect, type Limits, type Outcome, type Step, type Texter, type TranscriptEntry } from '../domain/sms/conversation';
import type { Category, Language } from '../domain/taxonomy';
import type { Clock } from '../ports/clock';
import type { HeldTextStore } from '../ports/held-texts';
import type { IntakeStore } from '../ports/intake-store';
import type { ConversationTexters, OutgoingText } from '../ports/texter-store';
import { answerConfirmation, registerByText, withdrawByPhone, type RegistrantDeps, type RegisterDeps } from './victim-notices';

/** The operations of the intakes a text can lead to. */
type InboundTextIntakes = Pick<IntakeStore, 'appendEvent' | 'create' | 'get' | 'recordFollowUp' | 'reopenForFollowUp'>;

export interface InboundTextDeps {
  /** The conversation's reads and saves (a TexterCache in the function); the outbox is the sender's. */
  texters: ConversationTexters;
  intakes: InboundTextIntakes;
  registrations: RegisterDeps['registrations'] & RegistrantDeps['registrations'];
  clock: Clock;
  limits?: Limits;
  /** Where a text that cannot be taken in now is kept for the sweep; without it, the failure is thrown. */
  held?: HeldTextStore;
}

export interface InboundText {
  /** The texter's number as End User Messaging reports it. */
  from: string;
  body: string;
  /** End User Messaging's inboundMessageId: the idempotency key. */
  messageId: string;
}

export interface InboundResult {
  duplicate: boolean;
  language?: Language;
  step?: Step;
  category?: Category;
  /** What the text led to, beyond the conversation. */
  effect?: Effect['kind'];
  /** The intake this text created or was added to. */
  referenceNumber?: string;
  /** The texts queued in reply. */
  replies: string[];
}

/**
 * Saving the texter races with other deliveries from the same number (a burst of texts): try
 * again from a fresh read after a jittered, growing pause, so the racers spread out instead of
 * colliding again in step ("full jitter": a random pause up to 25 ms, 50 ms, ... at most 1 s).
 */
const ATTEMPTS = 12;
const BACKOFF_BASE_MS = 25;
const BACKOFF_CAP_MS = 1000;

export function jitteredBackoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * One inbound text: the conversation moves on, an intake is created (before anything else) when
 * the texter confirms, and the replies are queued with the texter in one write. Idempotent on the
 * message id: a redelivery changes nothing and queues nothing. A text that still cannot be saved
 * after the retries is held (when there is a place to hold it) and answered by the sweep.
 */
export async function handleInboundText(inbound: InboundText, deps: InboundTextDeps): Promise<InboundResult & { held?: true; refused?: 'not_a_phone_number' }> {
  const phone = toE164(inbound.from);
  if (!phone) {
    const refusal = new InvalidInputError('inbound text', [{ field: 'originationNumber', message: 'not a valid phone number' }]);
    if (!deps.held) throw refusal;
    // From a short code or an unknown sender: nobody to answer, but kept rather than thrown away.
    await deps.held.keepRefused(inbound, 'not a phone number');
    return { duplicate: false, refused: 'not_a_phone_number', replies: [] };
  }
  try {
    return await takeIn(inbound, phone, deps);
  } catch (error) {
    if (!deps.held || error instanceof InvalidInputError) throw error;
    await deps.held.hold(inbound);
    return { duplicate: false, held: true, replies: [] };
  }
}

/** How long a held text waits before the sweep tries it again after another failure. */
const HELD_RETRY_MS = 60_000;

/** The sweep: held texts are taken in now, or wait for the next sweep. */
export async function answerHeldTexts(deps: InboundTextDeps & { held: HeldTextStore }, limit = 25): Promise<{ answered: number; still_held: number }> {
  const counts = { answered: 0, still_held: 0 };
  const { held, ...direct } = deps;
  for (const text of await held.due(deps.clock(), limit)) {
    try {
      await handleInboundText(text, direct);
      await held.release(text.messageId);
      counts.answered++;
    } catch {
      await held.postpone(text.messageId, new Date(deps.clock().getTime() + HELD_RETRY_MS));
      counts.still_held++;
    }
  }
  return counts;
}

async function takeIn(inbound: InboundText, phone: E164, deps: InboundTextDeps): Promise<InboundResult> {

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = deps.clock();
    const stored = await deps.texters.load(phone);
    const received = receive(stored?.texter, { id: inbound.messageId, text: inbound.body, at: now }, deps.limits ?? DEFAULT_LIMITS);
    if (received.duplicate) return { duplicate: true, replies: [] };
    const { outcome, referenceNumber } = await carryOut(received, phone, inbound, deps, now, stored);
    const texts: OutgoingText[] = outcome.replies.map((reply, index) => ({
      id: `${inbound.messageId}#${index}`,
      text: renderReply(reply),
      at: now.toISOString(),
      ...(outcome.optOut ? { evenIfOptedOut: true } : {}),
    }));
    try {
      await deps.texters.save(phone, outcome.texter, stored?.version, texts);
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, jitteredBackoffMs(attempt)));
      continue;
    }
    const { conversation, language } = outcome.texter;
    return {
      duplicate: false,
      ...(language ? { language } : {}),
      step: conversation.step,
      ...(conversation.category ? { category: conversation.category } : {}),
      ...(received.effect ? { effect: received.effect.kind } : {}),
      ...(received.effect?.kind === 'create_intake' ? { category: received.effect.category } : {}),
      ...(referenceNumber ? { referenceNumber } : {}),
      replies: texts.map((text) => text.text),
    };
  }
  throw new Error(`Texter kept changing after ${ATTEMPTS} attempts`);
}

/** Does what the conversation asked for and gets the replies that depend on it. */
async function carryOut(
  outcome: Outcome,
  phone: E164,
  inbound: InboundText,
  deps: InboundTextDeps,
  now: Date,
  stored: { texter: Texter; version: number } | undefined,
): Promise<{ outcome: Outcome; referenceNumber?: string }> {
  const effect = outcome.effect;
  if (!effect) return { outcome };
  switch (effect.kind) {
    case 'create_intake': {
      // Keyed on the confirm step the texter answered (its record's version and time), not on the
      // message: two "1"s read the same step and make one intake, and a redelivery finds it too.
      const sourceKey = `sms-confirm:${await deps.texters.keyOf(phone)}:${stored?.version ?? 0}:${stored?.texter.conversation.updatedAt ?? inbound.messageId}`;
      const { intake } = await deps.intakes.create({
        sourceKey,
        channel: 'sms',
        category: effect.category,
        language: effect.language,
        summary: effect.summary,
        anonymous: effect.anonymous,
        ...(effect.anonymous ? {} : { phone }),
      });
      const done = merge(outcome, afterEffect(outcome.texter, effect, { ref: intake.id }, now));
      // The whole conversation goes on the intake's timeline, after the intake exists (it is
      // persisted first), each text once however often this runs (its cause is the intake's source).
      await recordConversation(deps.intakes, intake.id, sourceKey, [...effect.transcript, ...repliesOf(done, now)]);
      return { outcome: done, referenceNumber: intake.id };
    }
    case 'status': {
      const intake = await deps.intakes.get(effect.ref);
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { status: intake?.status }, now)) };
    }
    case 'add_to_intake': {
      const found = await deps.intakes.get(effect.ref);
      // By reference number only an anonymous tip: a number alone opens no one else's intake.
      const intake = effect.byReference && !found?.anonymous ? undefined : found;
      if (intake) {
        await deps.intakes.appendEvent(intake.id, { type: 'message_in', text: effect.text.slice(0, NOTE_MAX_LENGTH) }, 'texter', { cause: `sms:${inbound.messageId}`, at: now.toISOString() });
        // Marked in the lists of every staff member who has not opened the intake since.
        await deps.intakes.recordFollowUp(intake.id, now.toISOString());
        // A follow-up on a closed intake must reach staff: it goes back to its queue with a new task.
        await deps.intakes.reopenForFollowUp(intake.id, 'texter');
      }
      // No intake any more (retention): the conversation starts over with this text.
      const done = merge(outcome, afterEffect(outcome.texter, effect, { added: !!intake }, now));
      if (!intake) return { outcome: done };
      // The line's answer to the follow-up is part of the conversation too.
      await recordConversation(deps.intakes, intake.id, `sms:${inbound.messageId}`, repliesOf(done, new Date(now.getTime() + 1)));
      return { outcome: done, referenceNumber: intake.id };
    }
    case 'register': {
      const { registration, intakeId } = await registerByText(
        { messageId: inbound.messageId, phone, caseNumber: effect.caseNumber, language: effect.language, channel: effect.channel, ...(effect.email ? { email: effect.email } : {}) },
        deps,
      );
      const done = merge(outcome, afterEffect(outcome.texter, effect, { caseNumbers: [registration.caseNumber] }, now));
      // The conversation that led to it goes on the intake it made, as a texted intake's does.
      await recordConversation(deps.intakes, intakeId, `registration:sms:${inbound.messageId}`, [...(effect.transcript ?? []), ...repliesOf(done, now)]);
      return { outcome: done, referenceNumber: intakeId };
    }
    case 'confirm_registrations': {
      await answerConfirmation(effect.registrations, effect.confirm, deps);
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { caseNumbers: effect.registrations.map((r) => r.caseNumber) }, now)) };
    }
    case 'withdraw_registrations': {
      const caseNumbers = await withdrawByPhone(phone, deps);
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { caseNumbers }, now)) };
    }
  }
}

/** The replies an outcome queues, as texts of the conversation sent now. */
function repliesOf(outcome: Outcome, now: Date): TranscriptEntry[] {
  return outcome.replies.map((reply) => ({ direction: 'out', text: renderReply(reply), at: now.toISOString() }));
}

/**
 * Texts in and out on an intake's timeline, in order. The timeline orders events by time, so a
 * reply sent the same millisecond as the text it answers is put one millisecond after it.
 */
async function recordConversation(intakes: InboundTextIntakes, id: string, cause: string, texts: TranscriptEntry[]): Promise<void> {
  let last = 0;
  for (const [index, entry] of texts.entries()) {
    last = Math.max(Date.parse(entry.at), last + 1);
    const text = entry.text.trim().slice(0, NOTE_MAX_LENGTH);
    if (!text) continue;
    const at = new Date(last).toISOString();
    if (entry.direction === 'in') await intakes.appendEvent(id, { type: 'message_in', text }, 'texter', { cause: `${cause}#${index}`, at });
    else await intakes.appendEvent(id, { type: 'message_out', text }, 'system', { cause: `${cause}#${index}`, at });
  }
}

/** The outcome once its effect is done: the texter after it, and the replies of both steps. */
function merge(first: Outcome, second: Outcome): Outcome {
  const { effect: _done, ...rest } = first;
  return { ...rest, texter: second.texter, replies: [...first.replies, ...second.replies] };
}
