import * as z from '../schema';
import { message, reply as replySentence, type ReplyKey } from '../catalog/texts';
import { SUMMARY_MAX_LENGTH } from '../intake';
import { isReferenceNumber } from '../reference-number';
import type { IntakeStatus } from '../status';
import { CaseNumberInputSchema, CaseNumberSchema, EmailSchema, NoticeChannelSchema, type NoticeChannel } from '../notifications';
import { CategorySchema, LanguageSchema, type Category, type Language } from '../taxonomy';
import { classify } from './classifier';
import { keywordOf } from './keywords';
import { detectLanguage } from './language';
import { MAX_REPLY_SEGMENTS, countSegments } from './segments';
import { normalize, words } from './text';

/**
 * A texter's conversation with the hotline, as a pure state machine: a message and the texter's
 * record in, the new record, the replies and at most one effect (create an intake, look up a
 * status, add to an intake) out. Nothing here touches storage or the network.
 */

export const STEPS = [
  'idle',
  'language',
  'category',
  'details',
  'anonymity',
  'confirm',
  // Victim notification: notices or other help, the case, the channel, the address, confirmation.
  'victim_need',
  'case_number',
  'notice_channel',
  'email',
  'confirm_registration',
] as const;
export type Step = (typeof STEPS)[number];

const IsoTime = z.iso.datetime();

export const ConversationSchema = z.lazy(() => z.object({
  step: z.enum(STEPS),
  /** The first text, kept while the hotline asks which language or which category. */
  firstMessage: z.optional(z.string()),
  category: z.optional(CategorySchema),
  details: z.optional(z.string()),
  anonymous: z.optional(z.boolean()),
  caseNumber: z.optional(CaseNumberSchema),
  noticeChannel: z.optional(NoticeChannelSchema),
  email: z.optional(z.string()),
  /**
   * The texts in and out so far, with their times: they become the intake's timeline when the
   * texter confirms. Gone with the conversation (it is reset to idle when an intake is made).
   */
  transcript: z.optional(z.array(z.object({ direction: z.enum(['in', 'out']), text: z.string(), at: IsoTime }))),
  updatedAt: IsoTime,
}));
export type Conversation = z.infer<typeof ConversationSchema>;

/** Everything the hotline remembers about one number (stored under a keyed hash of it). */
export const TexterSchema = z.lazy(() => z.object({
  language: z.optional(LanguageSchema),
  optedOut: z.boolean(),
  conversation: ConversationSchema,
  /** The last intake from this number: later texts are added to it for a while. */
  lastIntake: z.optional(z.object({ ref: z.string(), at: IsoTime })),
  /** Registrations made by phone or by staff, waiting for this number to answer YES. */
  awaitingConfirmation: z.optional(z.array(z.object({ caseNumber: CaseNumberSchema, id: z.string() }))),
  /** Inbound message ids already handled: SNS delivers at least once. */
  recentMessageIds: z.array(z.string()),
  rate: z.object({ windowStart: IsoTime, messages: z.number().check(z.int()), warned: z.boolean() }),
  requestsToday: z.object({ day: z.string(), count: z.number().check(z.int()) }),
}));
export type Texter = z.infer<typeof TexterSchema>;

export interface Limits {
  messagesPerHour: number;
  requestsPerDay: number;
}
export const DEFAULT_LIMITS: Limits = { messagesPerHour: 20, requestsPerDay: 5 };

/** A conversation left alone this long starts over. */
const CONVERSATION_TTL_MS = 24 * 3600_000;
/** For this long after an intake, a new text is added to it rather than starting another. */
const FOLLOW_UP_MS = 7 * 24 * 3600_000;
const RECENT_IDS = 20;
/** A first text this long is a description in itself; shorter ones get asked for details. */
const DESCRIPTIVE_WORDS = 8;

/** One sentence of a reply, in a language. */
export interface ReplyPart {
  language: Language;
  key: ReplyKey;
  params?: Record<string, string>;
}
/** One text message, made of one or more sentences (the language question has both languages). */
export type Reply = ReplyPart[];

/** One text of a conversation, in (from the texter) or out (the line's reply). */
export type TranscriptEntry = NonNullable<Conversation['transcript']>[number];

/** A conversation keeps at most this many texts (a flood is cut off by the rate limit first). */
export const TRANSCRIPT_MAX_ENTRIES = 40;

export type Effect =
  | { kind: 'create_intake'; category: Category; language: Language; summary: string; anonymous: boolean; transcript: TranscriptEntry[] }
  /** `language`: the reply's, that of the text that asked (which may not be the texter's usual one). */
  | { kind: 'status'; ref: string; language?: Language }
  /**
   * `byReference`: the texter named the intake by its reference number (an anonymous tip, which
   * no texter record points to); otherwise it is the texter's last intake.
   */
  | { kind: 'add_to_intake'; ref: string; text: string; byReference?: true }
  /** `transcript`: the conversation that led to it, for the intake the registration makes. */
  | { kind: 'register'; caseNumber: string; language: Language; channel: NoticeChannel; email?: string; transcript?: TranscriptEntry[] }
  | { kind: 'confirm_registrations'; registrations: { caseNumber: string; id: string }[]; confirm: boolean }
  | { kind: 'withdraw_registrations' };

export interface Outcome {
  texter: Texter;
  replies: Reply[];
  effect?: Effect;
  /** The message was handled before: nothing to do. */
  duplicate?: true;
  /** The texter asked to stop (or start) messages. */
  optOut?: boolean;
}

export interface InboundText {
  id: string;
  text: string;
  at: Date;
}

export function newTexter(at: Date): Texter {
  return {
    optedOut: false,
    conversation: { step: 'idle', updatedAt: at.toISOString() },
    recentMessageIds: [],
    rate: { windowStart: at.toISOString(), messages: 0, warned: false },
    requestsToday: { day: at.toISOString().slice(0, 10), count: 0 },
  };
}

/**
 * The hotline's answer to one inbound text, with the conversation's transcript kept: while a
 * conversation goes on, each text and its replies are added to it; when the texter confirms, the
 * whole of it travels with the intake to create, or the registration (whose intake it goes on),
 * and the conversation, reset, keeps none.
 */
export function receive(previous: Texter | undefined, inbound: InboundText, limits: Limits = DEFAULT_LIMITS): Outcome {
  const outcome = answer(previous, inbound, limits);
  if (outcome.duplicate || !previous) return withTranscript(outcome, [], inbound);
  const expired = Date.parse(previous.conversation.updatedAt) + CONVERSATION_TTL_MS < inbound.at.getTime();
  return withTranscript(outcome, expired ? [] : (previous.conversation.transcript ?? []), inbound);
}

function withTranscript(outcome: Outcome, before: TranscriptEntry[], inbound: InboundText): Outcome {
  if (outcome.duplicate) return outcome;
  const at = inbound.at.toISOString();
  const received: TranscriptEntry[] = [...before, { direction: 'in', text: inbound.text, at }];
  if (outcome.effect?.kind === 'create_intake' || outcome.effect?.kind === 'register') {
    return { ...outcome, effect: { ...outcome.effect, transcript: received.slice(-TRANSCRIPT_MAX_ENTRIES) } };
  }
  const { conversation } = outcome.texter;
  // Only a conversation under way keeps its texts: an idle texter, an opt-out or a status lookup keeps none.
  if (conversation.step === 'idle') {
    const { transcript: _dropped, ...rest } = conversation;
    return { ...outcome, texter: { ...outcome.texter, conversation: rest } };
  }
  const replies = outcome.replies.map((reply): TranscriptEntry => ({ direction: 'out', text: renderReply(reply), at }));
  return { ...outcome, texter: { ...outcome.texter, conversation: { ...conversation, transcript: [...received, ...replies].slice(-TRANSCRIPT_MAX_ENTRIES) } } };
}

function answer(previous: Texter | undefined, inbound: InboundText, limits: Limits): Outcome {
  const existing = previous ?? newTexter(inbound.at);
  if (existing.recentMessageIds.includes(inbound.id)) return { texter: existing, replies: [], duplicate: true };
  const texter: Texter = { ...existing, recentMessageIds: [...existing.recentMessageIds, inbound.id].slice(-RECENT_IDS) };
  const at = inbound.at.toISOString();

  // Opting out and back in always works, whatever else is going on.
  const keyword = keywordOf(inbound.text);
  if (keyword?.keyword.kind === 'opt_out') {
    const language = texter.language ?? keyword.language;
    // The carrier answers STOP itself on toll-free numbers; every other word we confirm, once.
    const replies = texter.optedOut || keyword.keyword.carrier ? [] : [[part(language, 'sms.optedOut')]];
    // Only what keeps the opt-out working is kept: no pointer to an intake or a registration.
    const { lastIntake: _intake, awaitingConfirmation: _registrations, ...kept } = texter;
    return { texter: { ...kept, language, optedOut: true, conversation: idle(at) }, replies, optOut: true };
  }
  if (keyword?.keyword.kind === 'opt_in') {
    return { texter: { ...texter, optedOut: false }, replies: [[part(texter.language ?? keyword.language, 'sms.optedIn')]], optOut: false };
  }
  // An opted-out number is never answered.
  if (texter.optedOut) return { texter, replies: [] };

  const rate = countMessage(texter.rate, inbound.at);
  if (rate.messages > limits.messagesPerHour) {
    // Said once an hour; after that, silence: a flood must not become a flood of replies.
    const replies = rate.warned ? [] : [[part(texter.language ?? 'en', 'sms.slowDown')]];
    return { texter: { ...texter, rate: { ...rate, warned: true } }, replies };
  }

  if (keyword?.keyword.kind === 'help') return { texter: { ...texter, rate }, replies: [[part(texter.language ?? keyword.language, 'sms.help')]] };
  if (keyword?.keyword.kind === 'withdraw') {
    return { texter: { ...texter, rate, language: texter.language ?? keyword.language }, replies: [], effect: { kind: 'withdraw_registrations' } };
  }
  // A registration made by phone or by staff waits for this number's YES (or NO).
  if (texter.awaitingConfirmation?.length) {
    const answer = choice(inbound.text, { yes: true, si: true, no: false });
    if (answer !== undefined) {
      return { texter: { ...texter, rate }, replies: [], effect: { kind: 'confirm_registrations', registrations: texter.awaitingConfirmation, confirm: answer } };
    }
  }

  const conversation = Date.parse(texter.conversation.updatedAt) + CONVERSATION_TTL_MS < inbound.at.getTime() ? idle(at) : texter.conversation;
  const state: Texter = { ...texter, rate, conversation };
  const language = state.language ?? keyword?.language;

  if (keyword?.keyword.kind === 'new_request' && language) {
    return ask({ ...state, language, lastIntake: undefined }, { step: 'category', updatedAt: at }, [part(language, 'sms.menu')]);
  }

  // A reference number, alone or in a short sentence about it: its status, nothing more.
  if (conversation.step === 'idle' || conversation.step === 'language') {
    const ref = referenceIn(inbound.text);
    if (ref) {
      // Answered in the language of the text that asks; a bare number, in the texter's.
      const replyLanguage = detectLanguage(inbound.text).language ?? language ?? 'en';
      if (!isReferenceNumber(ref)) return { texter: state, replies: [[part(replyLanguage, 'sms.statusInvalid')]] };
      return { texter: { ...state, language: language ?? replyLanguage }, replies: [], effect: { kind: 'status', ref, language: replyLanguage } };
    }
    // A reference number followed by a message: more for that intake (how anonymous tipsters add to a tip).
    const followUp = followUpOf(inbound.text);
    if (followUp) return { texter: state, replies: [], effect: { kind: 'add_to_intake', ref: followUp.ref, text: followUp.text, byReference: true } };
  }

  switch (conversation.step) {
    case 'idle':
      return fromIdle(state, inbound.text, at, inbound.at);
    case 'language': {
      const chosen =
        choice<Language>(inbound.text, { '1': 'en', '2': 'es', english: 'en', ingles: 'en', spanish: 'es', espanol: 'es' }) ??
        detectLanguage(inbound.text).language;
      if (!chosen) return ask(state, conversation, languageQuestion());
      return understand({ ...state, language: chosen }, conversation.firstMessage ?? inbound.text, at);
    }
    case 'category': {
      const lang = language ?? 'en';
      const picked = choice<Category>(inbound.text, { '1': 'detainee', '2': 'tip', '3': 'victim' });
      // Instead of a number the texter may describe the need: then that is the first message.
      const described = picked ? undefined : classify(inbound.text).category;
      const chosen = picked ?? described;
      if (!chosen) return ask(state, conversation, [part(lang, looksLikeAChoice(inbound.text) ? 'sms.chooseOneToThree' : 'sms.menu')]);
      const first = described ? inbound.text : conversation.firstMessage;
      return withCategory({ ...state, language: lang }, { ...conversation, category: chosen, firstMessage: first }, at);
    }
    case 'victim_need': {
      const lang = language ?? 'en';
      const notices = choice(inbound.text, { '1': true, '2': false });
      if (notices === undefined) return ask(state, conversation, [part(lang, 'sms.chooseOneOrTwo')]);
      if (notices) return ask(state, { ...conversation, step: 'case_number', updatedAt: at }, [part(lang, 'sms.askCaseNumber')]);
      return detailsOrConfirmation({ ...state, language: lang }, conversation, at);
    }
    case 'case_number': {
      const lang = language ?? 'en';
      const caseNumber = CaseNumberInputSchema.safeParse(inbound.text);
      if (!caseNumber.success) return ask(state, conversation, [part(lang, 'sms.caseNumberInvalid')]);
      return ask(state, { ...conversation, step: 'notice_channel', caseNumber: caseNumber.data, updatedAt: at }, [part(lang, 'sms.askNoticeChannel')]);
    }
    case 'notice_channel': {
      const lang = language ?? 'en';
      const channel = choice<NoticeChannel>(inbound.text, { '1': 'sms', '2': 'email' });
      if (!channel) return ask(state, conversation, [part(lang, 'sms.chooseOneOrTwo')]);
      if (channel === 'email') return ask(state, { ...conversation, step: 'email', noticeChannel: channel, updatedAt: at }, [part(lang, 'sms.askEmail')]);
      return registrationConfirmation({ ...state, language: lang }, { ...conversation, noticeChannel: channel }, at);
    }
    case 'email': {
      const lang = language ?? 'en';
      const email = EmailSchema.safeParse(inbound.text);
      if (!email.success) return ask(state, conversation, [part(lang, 'sms.emailInvalid')]);
      return registrationConfirmation({ ...state, language: lang }, { ...conversation, email: email.data }, at);
    }
    case 'confirm_registration': {
      const lang = language ?? 'en';
      const confirm = choice(inbound.text, { '1': true, yes: true, si: true, '2': false, no: false });
      if (confirm === undefined) return ask(state, conversation, [part(lang, 'sms.chooseOneOrTwo')]);
      if (!confirm) {
        return { texter: { ...state, conversation: idle(at) }, replies: [[part(lang, 'sms.registrationDeclined', { caseNumber: conversation.caseNumber! })]] };
      }
      return {
        texter: { ...state, conversation: idle(at) },
        replies: [],
        effect: {
          kind: 'register',
          caseNumber: conversation.caseNumber!,
          language: lang,
          channel: conversation.noticeChannel!,
          ...(conversation.email ? { email: conversation.email } : {}),
        },
      };
    }
    case 'details':
      return afterDetails(state, { ...conversation, details: inbound.text.trim() }, at);
    case 'anonymity': {
      const anonymous = choice(inbound.text, { '1': true, '2': false });
      if (anonymous === undefined) {
        // A wrong choice is said so; more of the story goes into the details, and the question again.
        if (!moreOfTheStory(inbound.text)) return ask(state, conversation, [part(language ?? 'en', 'sms.chooseOneOrTwo')]);
        return ask(state, withMoreDetails(conversation, inbound.text), [part(language ?? 'en', 'sms.askAnonymity')]);
      }
      return confirmation(state, { ...conversation, anonymous }, at);
    }
    case 'confirm': {
      const lang = language ?? 'en';
      const send = choice(inbound.text, { '1': true, yes: true, si: true, ok: true, '2': false, no: false });
      if (send === undefined) {
        if (!moreOfTheStory(inbound.text)) return ask(state, conversation, [part(lang, 'sms.chooseOneOrTwo')]);
        // More of the story instead of 1 or 2: it joins the summary staff will read, then the question again.
        return confirmation(state, withMoreDetails(conversation, inbound.text), at);
      }
      if (!send) return ask(state, { step: 'category', updatedAt: at }, [part(lang, 'sms.menu')]);
      const today = at.slice(0, 10);
      const requests = state.requestsToday.day === today ? state.requestsToday.count : 0;
      if (requests >= limits.requestsPerDay) {
        return { texter: { ...state, conversation: idle(at) }, replies: [[part(lang, 'sms.tooManyRequests')]] };
      }
      return {
        texter: { ...state, conversation: idle(at), requestsToday: { day: today, count: requests + 1 } },
        replies: [],
        effect: {
          kind: 'create_intake',
          category: conversation.category!,
          language: lang,
          summary: summaryOf(conversation),
          anonymous: conversation.category === 'tip' && conversation.anonymous === true,
          // Filled in by receive(): the texts that led here.
          transcript: [],
        },
      };
    }
  }
}

/** The replies once an effect has been carried out. */
export type EffectResult = { ref: string } | { status: IntakeStatus | undefined } | { added: boolean } | { caseNumbers: string[] };

export function afterEffect(texter: Texter, effect: Effect, result: EffectResult, at: Date): Outcome {
  const language = (effect.kind === 'status' ? effect.language : undefined) ?? texter.language ?? 'en';
  switch (effect.kind) {
    case 'create_intake': {
      const { ref } = result as { ref: string };
      // An anonymous tip leaves no trace on the texter: the reference number, which only the
      // tipster holds, is how they add to it.
      if (effect.anonymous) return { texter, replies: [[part(language, 'sms.receivedAnonymous', { ref })]] };
      return { texter: { ...texter, lastIntake: { ref, at: at.toISOString() } }, replies: [[part(language, 'sms.received', { ref })]] };
    }
    case 'status': {
      const { status } = result as { status: IntakeStatus | undefined };
      const key = status ? (`sms.status.${status}` as const) : 'sms.statusNotFound';
      return { texter, replies: [[part(language, key, { ref: effect.ref })]] };
    }
    case 'add_to_intake': {
      if ((result as { added: boolean }).added) return { texter, replies: [[part(language, 'sms.addedToRequest', { ref: effect.ref })]] };
      // The intake is gone (retention), or is not one a reference number adds to: this text
      // starts a new conversation.
      if (effect.byReference) return fromIdle(texter, effect.text, at.toISOString(), at);
      return fromIdle({ ...texter, lastIntake: undefined }, effect.text, at.toISOString(), at);
    }
    case 'register':
      return { texter, replies: [[part(language, 'sms.registered', { caseNumber: effect.caseNumber })]] };
    case 'confirm_registrations': {
      const { awaitingConfirmation: _answered, ...rest } = texter;
      const key = effect.confirm ? 'sms.registrationConfirmed' : 'sms.registrationDeclined';
      return { texter: rest, replies: effect.registrations.slice(0, 1).map((registration) => [part(language, key, { caseNumber: registration.caseNumber })]) };
    }
    case 'withdraw_registrations': {
      const { caseNumbers } = result as { caseNumbers: string[] };
      const { awaitingConfirmation: _dropped, ...rest } = texter;
      return { texter: rest, replies: [[part(language, caseNumbers.length ? 'sms.withdrawn' : 'sms.nothingToWithdraw')]] };
    }
  }
}

/** A reply as the text that is sent, fitted into MAX_REPLY_SEGMENTS by shortening the summary. */
export function renderReply(reply: Reply): string {
  const render = (summaryLength?: number) =>
    reply
      .map(({ language, key, params }) => {
        const values = { ...params };
        if (values.summary !== undefined && summaryLength !== undefined) values.summary = excerpt(values.summary, summaryLength);
        return replySentence(language, key, values as never);
      })
      .join(' ');
  let text = render();
  const summary = reply.find((p) => p.params?.summary !== undefined)?.params?.summary;
  for (let length = summary?.length ?? 0; countSegments(text).segments > MAX_REPLY_SEGMENTS && length > 0; length -= 5) {
    text = render(length);
  }
  return text;
}

/**
 * The text in at most `length` characters, cut after a whole word ("Pedro..." rather than
 * "Pedro Ra...", "y..." rather than "y es..." from "y está"). Composed first (NFC), so that an
 * accent typed as a combining mark stays with its letter.
 */
export function excerpt(text: string, length: number): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const room = Math.max(length - 3, 0);
  const cut = flat.slice(0, room + 1).lastIndexOf(' ');
  // One word longer than the room: nothing readable to keep but its start.
  const kept = cut > 0 ? flat.slice(0, cut) : flat.slice(0, room);
  return `${kept.replace(/[\s,;:.\-]+$/u, '')}...`;
}

function part(language: Language, key: ReplyKey, params?: Record<string, string>): ReplyPart {
  return params ? { language, key, params } : { language, key };
}

/** The one question asked in both languages: which one? */
function languageQuestion(): Reply {
  return [part('en', 'sms.languageChoice'), part('es', 'sms.languageChoice')];
}

function idle(at: string): Conversation {
  return { step: 'idle', updatedAt: at };
}

function ask(texter: Texter, conversation: Conversation, reply: Reply): Outcome {
  return { texter: { ...texter, conversation }, replies: [reply] };
}

/** A new conversation: a follow-up to the last intake, or a first text to understand. */
function fromIdle(texter: Texter, text: string, at: string, now: Date): Outcome {
  if (texter.lastIntake && Date.parse(texter.lastIntake.at) + FOLLOW_UP_MS > now.getTime()) {
    return { texter, replies: [], effect: { kind: 'add_to_intake', ref: texter.lastIntake.ref, text } };
  }
  const language = texter.language ?? detectLanguage(text).language;
  if (!language) return ask(texter, { step: 'language', firstMessage: text, updatedAt: at }, languageQuestion());
  return understand({ ...texter, language }, text, at);
}

/** What the first text is about: a confident category goes on; otherwise the menu. */
function understand(texter: Texter & { language: Language }, text: string, at: string): Outcome {
  const { category } = classify(text);
  if (!category) return ask(texter, { step: 'category', firstMessage: text, updatedAt: at }, [part(texter.language, 'sms.menu')]);
  return withCategory(texter, { step: 'details', category, firstMessage: text, updatedAt: at }, at);
}

/** Once the category is known: victims choose between notices and other help first. */
function withCategory(texter: Texter & { language: Language }, conversation: Conversation, at: string): Outcome {
  if (conversation.category === 'victim') {
    return ask(texter, { ...conversation, step: 'victim_need', updatedAt: at }, [part(texter.language, 'sms.victimChoice')]);
  }
  return detailsOrConfirmation(texter, conversation, at);
}

/** A descriptive first text goes on to confirmation; a short one gets asked for details. */
function detailsOrConfirmation(texter: Texter & { language: Language }, conversation: Conversation, at: string): Outcome {
  const first = conversation.firstMessage;
  if (first && descriptive(first)) return afterDetails(texter, { ...conversation, details: first, firstMessage: undefined }, at);
  return ask(texter, { ...conversation, step: 'details', updatedAt: at }, [part(texter.language, `sms.askDetails.${conversation.category!}`)]);
}

function registrationConfirmation(texter: Texter & { language: Language }, conversation: Conversation, at: string): Outcome {
  const channel = message(texter.language, `channel.${conversation.noticeChannel!}`);
  return ask(texter, { ...conversation, step: 'confirm_registration', updatedAt: at }, [
    part(texter.language, 'sms.confirmRegistration', { caseNumber: conversation.caseNumber!, channel }),
  ]);
}

function afterDetails(texter: Texter, conversation: Conversation, at: string): Outcome {
  if (conversation.category === 'tip') {
    return ask(texter, { ...conversation, step: 'anonymity', updatedAt: at }, [part(texter.language ?? 'en', 'sms.askAnonymity')]);
  }
  return confirmation(texter, conversation, at);
}

function confirmation(texter: Texter, conversation: Conversation, at: string): Outcome {
  const language = texter.language ?? 'en';
  return ask(texter, { ...conversation, step: 'confirm', updatedAt: at }, [
    part(language, 'sms.confirm', { category: message(language, `category.${conversation.category!}`), summary: summaryOf(conversation) }),
  ]);
}

function withMoreDetails(conversation: Conversation, text: string): Conversation {
  const more = text.trim();
  return more ? { ...conversation, details: [conversation.details, more].filter((part) => !!part?.trim()).join('\n') } : conversation;
}

function summaryOf(conversation: Conversation): string {
  return [conversation.firstMessage, conversation.details]
    .filter((text): text is string => !!text?.trim())
    .join('\n')
    .slice(0, SUMMARY_MAX_LENGTH);
}

function descriptive(text: string): boolean {
  return words(text).length >= DESCRIPTIVE_WORDS;
}

/** Words that name what a number is, so that "Mi referencia es 4282165753" is a status lookup. */
const REFERENCE_WORDS = /\b(?:ref|reference|referencia|request|solicitud|status|estado|estatus|tracking|seguimiento)\b/;

/**
 * The reference number a text is about: ten digits (spaces, dashes, dots or # allowed between
 * them), and either nothing else or a word saying it is a reference. A phone number in a
 * sentence ("call me at 2025550143") is not one.
 */
function referenceIn(text: string): string | undefined {
  const runs = [...text.matchAll(/#?\d[\d\s\-.]*\d/g)].map((match) => match[0].replace(/[\s\-#.]/g, ''));
  const tenDigits = runs.filter((run) => run.length === 10);
  if (tenDigits.length !== 1 || runs.length !== 1) return undefined;
  const rest = normalize(text.replace(/#?\d[\d\s\-.]*\d/g, ' '));
  return rest === '' || REFERENCE_WORDS.test(rest) ? tenDigits[0] : undefined;
}

/** "<reference number> <message>": a valid reference number first, then something to add. */
function followUpOf(text: string): { ref: string; text: string } | undefined {
  const match = /^\s*#?((?:\d[\s\-.]?){9}\d)(?!\d)[\s:,.\-]*(\S[\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const ref = match[1]!.replace(/[\s\-.]/g, '');
  return isReferenceNumber(ref) ? { ref, text: match[2]!.trim() } : undefined;
}

/** A short answer made of digits (or a single word): a choice, not a description. */
/** A few words where a 1 or 2 was asked for are more of the story ("he hit me again"), not a wrong choice ("maybe", "123"). */
function moreOfTheStory(text: string): boolean {
  return words(text).length >= 3;
}

function looksLikeAChoice(text: string): boolean {
  const normalized = normalize(text);
  return /^\d+$/.test(normalized.replace(/ /g, '')) || (normalized !== '' && !normalized.includes(' ') && normalized.length <= 3);
}

/** An answer to a numbered question: the number, or a word the options allow. */
function choice<T>(text: string, options: Record<string, T>): T | undefined {
  const normalized = normalize(text);
  const first = normalized.split(' ')[0] ?? '';
  // Own keys only: a texter's "constructor" is not an option.
  return Object.hasOwn(options, normalized) ? options[normalized] : Object.hasOwn(options, first) ? options[first] : undefined;
}

/** This message counted in the texter's current hour. */
function countMessage(rate: Texter['rate'], at: Date): Texter['rate'] {
  const fresh = Date.parse(rate.windowStart) + 3600_000 <= at.getTime();
  return fresh ? { windowStart: at.toISOString(), messages: 1, warned: false } : { ...rate, messages: rate.messages + 1 };
}
