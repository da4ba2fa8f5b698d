import { InvalidInputError, StaleVersionError } from '../domain/errors';
import { toE164, type E164 } from '../domain/phone';
import { DEFAULT_LIMITS, afterEffect, receive, renderReply, type Effect, type Limits, type Outcome, type Step } from '../domain/sms/conversation';
import type { Category, Language } from '../domain/taxonomy';
import type { Clock } from '../ports/clock';
import type { IntakeStore } from '../ports/intake-store';
import type { OutgoingText, TexterStore } from '../ports/texter-store';
import type { RegistrationStore } from '../ports/victim-notices';
import { answerConfirmation, registerByText, withdrawByPhone } from './victim-notices';

export interface InboundTextDeps {
  texters: TexterStore;
  intakes: IntakeStore;
  registrations: RegistrationStore;
  clock: Clock;
  limits?: Limits;
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

/** Saving the texter races with another delivery from the same number: try again from a fresh read. */
const ATTEMPTS = 5;

/**
 * One inbound text: the conversation moves on, an intake is created (before anything else) when
 * the texter confirms, and the replies are queued with the texter in one write. Idempotent on the
 * message id: a redelivery changes nothing and queues nothing.
 */
export async function handleInboundText(inbound: InboundText, deps: InboundTextDeps): Promise<InboundResult> {
  const phone = toE164(inbound.from);
  if (!phone) throw new InvalidInputError('inbound text', [{ field: 'originationNumber', message: 'not a valid phone number' }]);

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = deps.clock();
    const stored = await deps.texters.load(phone);
    const received = receive(stored?.texter, { id: inbound.messageId, text: inbound.body, at: now }, deps.limits ?? DEFAULT_LIMITS);
    if (received.duplicate) return { duplicate: true, replies: [] };
    const { outcome, referenceNumber } = await carryOut(received, phone, inbound, deps, now);
    const texts: OutgoingText[] = outcome.replies.map((reply, index) => ({
      id: `${inbound.messageId}#${index}`,
      text: renderReply(reply),
      at: now.toISOString(),
      ...(outcome.optOut ? { evenIfOptedOut: true } : {}),
    }));
    try {
      await deps.texters.save(phone, outcome.texter, stored?.version, texts);
    } catch (error) {
      if (error instanceof StaleVersionError) continue;
      throw error;
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
): Promise<{ outcome: Outcome; referenceNumber?: string }> {
  const effect = outcome.effect;
  if (!effect) return { outcome };
  switch (effect.kind) {
    case 'create_intake': {
      // Idempotent on the message id: a retry after a lost race finds the same intake.
      const { intake } = await deps.intakes.create({
        sourceKey: `sms:${inbound.messageId}`,
        channel: 'sms',
        category: effect.category,
        language: effect.language,
        summary: effect.summary,
        anonymous: effect.anonymous,
        ...(effect.anonymous ? {} : { phone }),
      });
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { ref: intake.id }, now)), referenceNumber: intake.id };
    }
    case 'status': {
      const intake = await deps.intakes.get(effect.ref);
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { status: intake?.status }, now)) };
    }
    case 'add_to_intake': {
      const found = await deps.intakes.get(effect.ref);
      // By reference number only an anonymous tip: a number alone opens no one else's intake.
      const intake = effect.byReference && !found?.anonymous ? undefined : found;
      if (intake) await deps.intakes.appendEvent(intake.id, { type: 'message_in', text: effect.text }, 'texter', `sms:${inbound.messageId}`);
      // No intake any more (retention): the conversation starts over with this text.
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { added: !!intake }, now)), ...(intake ? { referenceNumber: intake.id } : {}) };
    }
    case 'register': {
      const registration = await registerByText(
        { messageId: inbound.messageId, phone, caseNumber: effect.caseNumber, language: effect.language, channel: effect.channel, ...(effect.email ? { email: effect.email } : {}) },
        deps,
      );
      return { outcome: merge(outcome, afterEffect(outcome.texter, effect, { caseNumbers: [registration.caseNumber] }, now)) };
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

/** The outcome once its effect is done: the texter after it, and the replies of both steps. */
function merge(first: Outcome, second: Outcome): Outcome {
  const { effect: _done, ...rest } = first;
  return { ...rest, texter: second.texter, replies: [...first.replies, ...second.replies] };
}
