import * as z from './schema';
import { canonicalCaseNumber } from './case-number';
import { message } from './catalog/texts';
import { formatNational, type HotlineNumbers } from './phone';
import type { Language } from './taxonomy';
import { LanguageSchema } from './taxonomy';

/**
 * Victim notification: a registrant asks to be told about an offender's custody in a case, and
 * gets a notice for every custody event staff record for that case.
 */

/** A case number in its canonical form (case-number.ts): 6 to 12 digits. What is stored and looked up. */
export const CaseNumberSchema = z.string().check(z.regex(/^\d{6,12}$/, 'a case number is 6 to 12 digits'));
export type CaseNumber = z.infer<typeof CaseNumberSchema>;

/** A case number as staff or a caller wrote it ("CASE 44-00123"), to its canonical form ("4400123"). */
export const CaseNumberInputSchema = z.lazy(() => z.pipe(
  z.string(),
  z.transform((typed, context) => {
    const canonical = canonicalCaseNumber(typed);
    if (canonical === undefined) context.issues.push({ code: 'custom', message: 'not a case number (6 to 12 digits)', input: typed, params: { code: 'caseNumber' } });
    return canonical ?? z.NEVER;
  }),
));

export const CUSTODY_EVENT_TYPES = ['release_scheduled', 'released', 'removed', 'transferred', 'escaped', 'returned'] as const;
export const CustodyEventTypeSchema = z.enum(CUSTODY_EVENT_TYPES);
export type CustodyEventType = z.infer<typeof CustodyEventTypeSchema>;

/**
 * Notice texts share the intake number with the replies to texters. A US toll-free number sends 3
 * message parts a second; a notice is at most 2 parts. Two deliveries at once, each waiting 2 s
 * after a text, use 2 parts a second and leave 1 for replies.
 */
export const NOTICE_SENDING = { partsPerSecond: 3, concurrency: 2, paceMs: 2000 } as const;

export const NOTICE_CHANNELS = ['sms', 'email'] as const;
export const NoticeChannelSchema = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof NoticeChannelSchema>;

export const REGISTRATION_SOURCES = ['voice', 'sms', 'console'] as const;

const IsoTime = z.iso.datetime();

/** A registration as staff and the application see it: contact data only masked. */
export const RegistrationSchema = z.lazy(() => z.object({
  id: z.string(),
  caseNumber: CaseNumberSchema,
  language: LanguageSchema,
  channels: z.array(NoticeChannelSchema).check(z.minLength(1)),
  /** Pending until the registrant confirms a number they gave by phone or through staff. */
  status: z.enum(['pending', 'active', 'withdrawn']),
  phoneLast4: z.optional(z.string()),
  emailMasked: z.optional(z.string()),
  source: z.enum(REGISTRATION_SOURCES),
  createdAt: IsoTime,
  createdBy: z.string(),
  confirmedAt: z.optional(IsoTime),
  withdrawnAt: z.optional(IsoTime),
  withdrawnBy: z.optional(z.string()),
  /** The intake it shows on: the one a call or text made for it, or the one staff registered it from. */
  intakeId: z.optional(z.string().check(z.regex(/^\d{10}$/))),
}));
export type Registration = z.infer<typeof RegistrationSchema>;

export const EmailSchema = z.lazy(() => z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email('not a valid e-mail address')));

export const CustodyEventSchema = z.lazy(() => z.object({
  id: z.string(),
  caseNumber: CaseNumberSchema,
  type: CustodyEventTypeSchema,
  /** When it happened or, for a scheduled release, will happen (a calendar date). */
  date: z.iso.date(),
  recordedBy: z.string(),
  recordedAt: IsoTime,
  /**
   * `pending` from the write until every page of registrants has become notices; a sweep finishes
   * what a crash or a failed stream batch left pending, and staff see "not yet notified" meanwhile.
   */
  fanOut: z.optional(z.enum(['pending', 'done'])),
}));
export type CustodyEvent = z.infer<typeof CustodyEventSchema>;

/** "j.d****@example.org": enough for staff to tell addresses apart, not to read them. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}${'*'.repeat(Math.max(local.length - 1, 3))}@${domain}`;
}

/** The short reference a notice carries, so that staff can find the event. */
export function noticeReference(event: Pick<CustodyEvent, 'id'>): string {
  return event.id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

// Built on first use, not at module load: a DateTimeFormat costs about 15 ms to build (issue 18,
// profiled) and only notice-delivery formats dates, while every function loads this module.
const dateFormats: Partial<Record<Language, Intl.DateTimeFormat>> = {};
function dateFormat(language: Language): Intl.DateTimeFormat {
  return (dateFormats[language] ??= new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'es-US', { dateStyle: 'long', timeZone: 'UTC' }));
}

/**
 * The notice of an event, in the registrant's language: the event, its date, the case and a
 * reference. Nothing about the registrant, nothing about anyone else who is registered.
 */
export function noticeText(event: CustodyEvent, language: Language, channel: NoticeChannel, hotline: HotlineNumbers): { subject: string; body: string } {
  const values = {
    caseNumber: event.caseNumber,
    date: dateFormat(language).format(new Date(`${event.date}T12:00:00Z`)),
    ref: noticeReference(event),
  };
  const body = message(language, `notice.${event.type}`, values);
  // A text is answered with WITHDRAW; an e-mail says which numbers reach the hotline.
  const stop =
    channel === 'sms'
      ? message(language, 'notice.stopByText')
      : message(language, 'notice.stopByEmail', { callNumber: formatNational(hotline.call), textNumber: formatNational(hotline.text) });
  return { subject: message(language, 'notice.subject', { caseNumber: event.caseNumber }), body: `${body} ${stop}` };
}

/** How far back a custody event may be dated by default: older than this is taken for a typo. */
export const OLDEST_CUSTODY_EVENT_DAYS = 365;

/** Events that say something will happen; every other type says that it has. */
const SCHEDULED_EVENTS: ReadonlySet<CustodyEventType> = new Set(['release_scheduled']);

const DAY_MS = 86_400_000;
/** A calendar date ("2026-11-23") as it is somewhere on earth at `at` plus `offsetHours`. */
const calendarDate = (at: Date, offsetHours: number) => new Date(at.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);

export type CustodyEventDateProblem = { problem: 'not_yet'; latest: string } | { problem: 'too_old'; earliest: string; days: number };

/**
 * Whether an event's date can be right. What happened (released, escaped...) cannot be dated after
 * today; no event is dated more than `oldestDays` back (a scheduled release that long past is a
 * typo too). "Today" is any calendar date in use on earth now (UTC-12 to UTC+14), so staff in any
 * time zone can record what happened today and nothing later.
 */
export function custodyEventDateProblem(type: CustodyEventType, date: string, now: Date, oldestDays = OLDEST_CUSTODY_EVENT_DAYS): CustodyEventDateProblem | undefined {
  const latest = calendarDate(now, 14);
  if (!SCHEDULED_EVENTS.has(type) && date > latest) return { problem: 'not_yet', latest };
  const earliest = calendarDate(new Date(now.getTime() - oldestDays * DAY_MS), -12);
  if (date < earliest) return { problem: 'too_old', earliest, days: oldestDays };
  return undefined;
}
