import { randomUUID } from 'node:crypto';
import type { E164 } from '../../domain/phone';
import { countSegments } from '../../domain/sms/segments';
import type { Clock } from '../../ports/clock';
import type { SmsSender } from '../../ports/sms-sender';
import type { LocalOutbox } from './outbox';

export type LocalText = { messageId: string; to: string; text: string; at: string; segments: number; encoding: string };

/** Orders texts sent within the same millisecond. */
let sequence = 0;

/** Texts, locally: kept in the outbox for `npm run sms` and the console to show, in the order sent. */
export class LocalSmsSender implements SmsSender {
  constructor(
    private readonly outbox: LocalOutbox,
    private readonly clock: Clock,
  ) {}

  async send(to: E164, text: string): Promise<{ messageId: string }> {
    const at = this.clock().toISOString();
    const messageId = `local-sms-${randomUUID()}`;
    const { segments, encoding } = countSegments(text);
    const record: LocalText = { messageId, to, text, at, segments, encoding };
    await this.outbox.putOnce('sms', `${at}#${String(++sequence).padStart(9, '0')}#${messageId}`, record);
    return { messageId };
  }
}
