import { describe, expect, it } from 'vitest';
import { SnsEventSchema } from '../../../functions/sms-intake/event';
import { parseOrThrow } from '../../../shared/domain/errors';
import { WeeklyHoursSchema } from '../../../shared/domain/hours';
import { IntakeSchema, NewIntakeSchema } from '../../../shared/domain/intake';
import { EmailSchema, RegistrationSchema } from '../../../shared/domain/notifications';
import { CallIntakeRequestSchema } from '../../../shared/use-cases/call-intake';
import { ListQuerySchema } from '../../../shared/use-cases/staff-console';

/**
 * The schemas the functions bundle are zod/mini, which has no messages of its own: these are the
 * messages classic zod wrote for the same inputs (recorded from it before the move), which staff
 * and API clients read. Nothing this file imports loads classic zod, whose first schema would set
 * the English locale and hide a missing one.
 */
function refusal(schema: Parameters<typeof parseOrThrow>[0], input: unknown): string {
  try {
    parseOrThrow(schema, 'input', input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the input was accepted');
}

describe('validation messages', () => {
  it('say what is wrong with each field as classic zod said it', () => {
    expect(refusal(NewIntakeSchema, { sourceKey: '', category: 'x', language: 'en', channel: 'voice', summary: 5 })).toBe(
      'Invalid input: sourceKey: Too small: expected string to have >=1 characters; category: Invalid option: expected one of "detainee"|"tip"|"victim"; summary: Invalid input: expected string, received number',
    );
    expect(refusal(IntakeSchema, { id: '123', category: 'tip', language: 'en', channel: 'sms', status: 'new', queueKey: 'tip-en', createdAt: 'yesterday', updatedAt: '2026-01-01T00:00:00Z', contact: { phoneLast4: '12a4' }, anonymous: false, summary: '', routing: { state: 'x' }, sourceKey: 's', version: 1.5 })).toBe(
      "Invalid input: id: not a valid reference number (10 digits with a check digit); createdAt: Invalid ISO datetime; contact.phoneLast4: Invalid string: must match pattern /^\\d{4}$/; routing.state: Invalid discriminator value. Expected 'routed' | 'unrouted'; version: Invalid input: expected int, received number",
    );
    expect(refusal(RegistrationSchema, { id: 'r', caseNumber: '12', language: 'fr', channels: [], status: 'active', source: 'voice', createdAt: '2026-01-01T00:00:00Z', createdBy: 's' })).toBe(
      'Invalid input: caseNumber: a case number is 6 to 12 digits; language: Invalid option: expected one of "en"|"es"; channels: Too small: expected array to have >=1 items',
    );
    expect(refusal(WeeklyHoursSchema, { timeZone: 'America/New_York', days: { monday: { open: '18:00', close: '09:00' }, tuesday: { open: '9am', close: '17:00' } } })).toBe(
      'Invalid input: days.monday: must open before it closes; days.tuesday.open: a time as HH:MM (24:00 for the end of the day); days.tuesday: must open before it closes',
    );
    expect(refusal(EmailSchema, 'nope')).toBe('Invalid input: (root): not a valid e-mail address');
  });

  it('name the fields of the events the functions are given', () => {
    expect(refusal(SnsEventSchema, { Records: [] })).toBe('Invalid input: Records: Too small: expected array to have >=1 items');
    expect(refusal(SnsEventSchema, { Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm', Message: '{' } }] })).toBe('Invalid input: Records.0.Sns.Message: not JSON');
    expect(refusal(SnsEventSchema, { Records: [{ EventSource: 'aws:sqs', Sns: { MessageId: 'm', Message: '{"originationNumber":"","destinationNumber":"+18005550100","messageBody":"hi"}' } }] })).toBe(
      'Invalid input: Records.0.EventSource: Invalid input: expected "aws:sns"; Records.0.Sns.Message.originationNumber: Too small: expected string to have >=1 characters; Records.0.Sns.Message.inboundMessageId: Invalid input: expected string, received undefined',
    );
    expect(refusal(CallIntakeRequestSchema, { action: 'status', referenceNumber: 'x'.repeat(41) })).toBe('Invalid input: referenceNumber: Too big: expected string to have <=40 characters');
    expect(refusal(CallIntakeRequestSchema, { action: 'dance' })).toBe("Invalid input: action: Invalid discriminator value. Expected 'create' | 'status' | 'register' | 'callback'");
  });

  it('leave defaults and transforms as they were', () => {
    expect(parseOrThrow(NewIntakeSchema, 'intake', { sourceKey: 'k', category: 'tip', language: 'es', channel: 'sms', summary: '  hi  ' })).toEqual({ sourceKey: 'k', category: 'tip', language: 'es', channel: 'sms', anonymous: false, summary: 'hi' });
    expect(parseOrThrow(ListQuerySchema, 'list', { queue: 'tip-es' })).toEqual({ queue: 'tip-es', status: 'new', order: 'oldest', mine: 'false' });
    expect(parseOrThrow(EmailSchema, 'email', '  Ana@Example.ORG ')).toBe('ana@example.org');
  });
});
