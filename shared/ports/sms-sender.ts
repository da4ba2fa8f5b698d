import type { E164 } from '../domain/phone';

/** Sends a text from the hotline's intake number. */
export interface SmsSender {
  send(to: E164, text: string): Promise<{ messageId: string }>;
}
