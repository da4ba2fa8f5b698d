import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { EmailSender } from '../../ports/victim-notices';
import type { LocalOutbox } from './outbox';

export type LocalEmail = { messageId: string; to: string; subject: string; body: string; at: string };

/** E-mail, locally: kept in the outbox. */
export class LocalEmailSender implements EmailSender {
  constructor(
    private readonly outbox: LocalOutbox,
    private readonly clock: Clock,
  ) {}

  async send(to: string, subject: string, body: string): Promise<{ messageId: string }> {
    const at = this.clock().toISOString();
    const messageId = `local-email-${randomUUID()}`;
    await this.outbox.putOnce('email', `${at}#${messageId}`, { messageId, to, subject, body, at } satisfies LocalEmail);
    return { messageId };
  }
}
