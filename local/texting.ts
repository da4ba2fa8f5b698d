import type { LocalText } from '../shared/adapters/local/sms-sender';
import type { E164 } from '../shared/domain/phone';
import type { InboundResult } from '../shared/use-cases/inbound-text';
import type { LocalServices } from './services';

export interface TextExchange {
  text: string;
  replies: { text: string; segments: number; encoding: string }[];
  result: InboundResult;
}

export interface TexterSession {
  language?: string;
  category?: string;
  step?: string;
  optedOut: boolean;
  referenceNumber?: string;
}

/**
 * One text to the intake number through the real sms-intake function, then what the table's
 * stream would trigger in AWS (`deliver`: the sender texts the queued replies), and the replies
 * that reached the texter.
 */
export async function textTheHotline(services: LocalServices, deliver: () => Promise<unknown>, phone: E164, text: string): Promise<TextExchange> {
  const sentBefore = (await services.outbox.list<LocalText>('sms')).length;
  const result = await services.text(phone, text);
  await deliver();
  const replies = (await services.outbox.list<LocalText>('sms')).slice(sentBefore).filter((sms) => sms.to === phone);
  return { text, replies: replies.map(({ text: reply, segments, encoding }) => ({ text: reply, segments, encoding })), result };
}

/** Where the texter's conversation stands: language, category, step, their latest reference number. */
export async function texterSession(services: LocalServices, phone: E164, exchanges: TextExchange[]): Promise<TexterSession> {
  let referenceNumber: string | undefined;
  let category: string | undefined;
  for (const { result } of exchanges) {
    if (result.effect === 'create_intake') referenceNumber = result.referenceNumber;
    category = result.category ?? category;
  }
  const texter = (await services.texters.load(phone))?.texter;
  const knownCategory = texter?.conversation.category ?? category;
  const knownReference = referenceNumber ?? texter?.lastIntake?.ref;
  return {
    ...(texter?.language ? { language: texter.language } : {}),
    ...(knownCategory ? { category: knownCategory } : {}),
    ...(texter ? { step: texter.conversation.step } : {}),
    optedOut: texter?.optedOut ?? false,
    ...(knownReference ? { referenceNumber: knownReference } : {}),
  };
}
