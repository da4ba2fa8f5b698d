import { describe, expect, it } from 'vitest';
import { InvalidInputError, parseOrThrow } from '../../../shared/domain/errors';
import { IntakeSchema, NewIntakeSchema, applyStatusChange, backInQueueRouting, buildIntake, type Routing } from '../../../shared/domain/intake';
import { maskPhone, toE164 } from '../../../shared/domain/phone';
import { QUEUE_KEYS, parseQueueKey, queueKeyOf } from '../../../shared/domain/queues';
import { referenceNumberFor } from '../../../shared/domain/reference-number';

const now = new Date('2026-11-23T15:00:00.000Z');

function parseNew(input: unknown) {
  return parseOrThrow(NewIntakeSchema, 'intake', input);
}

describe('queues', () => {
  it('are the six category x language keys', () => {
    expect(QUEUE_KEYS).toEqual(['detainee-en', 'detainee-es', 'tip-en', 'tip-es', 'victim-en', 'victim-es']);
    expect(parseQueueKey(queueKeyOf('victim', 'es'))).toEqual({ category: 'victim', language: 'es' });
  });
});

describe('phone numbers', () => {
  it('normalize to E.164 as people type them', () => {
    expect(toE164('(202) 555-0143')).toBe('+12025550143');
    expect(toE164('+1 202 555 0143')).toBe('+12025550143');
    expect(toE164('+52 55 1234 5678')).toBe('+525512345678');
    expect(toE164('12')).toBeUndefined();
    expect(toE164('not a phone')).toBeUndefined();
  });

  it('show only the last four digits', () => {
    expect(maskPhone('0143')).toBe('•••-•••-0143');
  });
});

describe('a new intake', () => {
  it('is built with its queue, status new and version 1', () => {
    const input = parseNew({ sourceKey: 'c-1', category: 'detainee', language: 'es', channel: 'voice', phone: '2025550143' });
    const { intake, phone } = buildIntake(input, referenceNumberFor('c-1'), now);
    expect(phone).toBe('+12025550143');
    expect(IntakeSchema.parse(intake)).toEqual(intake);
    expect(intake).toMatchObject({
      queueKey: 'detainee-es',
      status: 'new',
      version: 1,
      contact: { phoneLast4: '0143' },
      routing: { state: 'routed', via: 'call' },
      createdAt: now.toISOString(),
    });
    expect(JSON.stringify(intake)).not.toContain('2025550143');
  });

  it('from a text waits for a task to route it', () => {
    const input = parseNew({ sourceKey: 'm-1', category: 'tip', language: 'en', channel: 'sms', anonymous: true });
    expect(buildIntake(input, referenceNumberFor('m-1'), now).intake).toMatchObject({
      contact: null,
      anonymous: true,
      routing: { state: 'unrouted', attempts: 0 },
    });
  });

  it.each([
    [{ category: 'parking' }, 'category'],
    [{ language: 'fr' }, 'language'],
    [{ channel: 'fax' }, 'channel'],
    [{ phone: '555' }, 'phone'],
    [{ sourceKey: '' }, 'sourceKey'],
    [{ summary: 'x'.repeat(2001) }, 'summary'],
    [{ anonymous: true }, 'anonymous'],
  ])('with %j is refused, naming %s', (override, field) => {
    const input = { sourceKey: 'k', category: 'victim', language: 'en', channel: 'sms', ...override };
    const error = (() => {
      try {
        parseNew(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.map((issue) => issue.field)).toContain(field);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid intake: .*${field}: `));
  });

  it('refuses a phone number on an anonymous tip', () => {
    expect(() =>
      parseNew({ sourceKey: 'k', category: 'tip', language: 'en', channel: 'sms', anonymous: true, phone: '2025550143' }),
    ).toThrow('phone: an anonymous intake keeps no phone number');
  });
});

describe('a status change', () => {
  const intake = buildIntake(
    parseNew({ sourceKey: 'k', category: 'tip', language: 'en', channel: 'console' }),
    referenceNumberFor('k'),
    now,
  ).intake;
  const later = new Date('2026-11-23T16:00:00.000Z');

  it('claims on in_progress, releases on new, closes on resolved', () => {
    const claimed = applyStatusChange(intake, 'in_progress', { actor: 'ana', role: 'staff' }, later);
    expect(claimed).toMatchObject({ status: 'in_progress', claimedBy: 'ana', version: 2, updatedAt: later.toISOString() });
    expect(applyStatusChange(claimed, 'new', { actor: 'ana', role: 'staff' }, later).claimedBy).toBeUndefined();
    const resolved = applyStatusChange(claimed, 'resolved', { actor: 'ana', role: 'staff' }, later);
    expect(resolved).toMatchObject({ status: 'resolved', claimedBy: 'ana', closedAt: later.toISOString(), version: 3 });
    const reopened = applyStatusChange(resolved, 'in_progress', { actor: 'sam', role: 'supervisor' }, later);
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.claimedBy).toBe('sam');
  });

  it('refuses what the table does not allow', () => {
    expect(() => applyStatusChange(intake, 'resolved', { actor: 'ana', role: 'staff' }, later)).toThrow(
      expect.objectContaining({ refusalCode: 'status.cannotMove', facts: { from: 'new', to: 'resolved', allowed: ['in_progress'] } }),
    );
  });
});

describe('an intake put back in a queue', () => {
  const at = '2026-11-23T15:00:00.000Z';
  it('starts a new routing cycle that keeps the task it had, to be ended', () => {
    expect(backInQueueRouting({ state: 'routed', via: 'task', taskId: 'task-1', at }, { transferredAt: at })).toEqual({ state: 'unrouted', attempts: 0, transferredAt: at, replacesTaskId: 'task-1' });
    expect(backInQueueRouting({ state: 'routed', via: 'task', taskId: 'task-1', at }, { reopenedAt: at })).toEqual({ state: 'unrouted', attempts: 0, reopenedAt: at, replacesTaskId: 'task-1' });
  });

  it('put back again before its new task exists, keeps the task an earlier change left', () => {
    const failedOnce: Routing = { state: 'unrouted', attempts: 3, lastError: 'throttled', transferredAt: at, replacesTaskId: 'task-1' };
    expect(backInQueueRouting(failedOnce, { transferredAt: '2026-11-23T15:01:00.000Z' })).toEqual({ state: 'unrouted', attempts: 0, transferredAt: '2026-11-23T15:01:00.000Z', replacesTaskId: 'task-1' });
  });

  it('never keeps a call to be ended, nor anything for an intake that had no task', () => {
    expect(backInQueueRouting({ state: 'routed', via: 'call', at }, { reopenedAt: at })).toEqual({ state: 'unrouted', attempts: 0, reopenedAt: at });
    expect(backInQueueRouting({ state: 'routed', via: 'console', at }, { reopenedAt: at })).toEqual({ state: 'unrouted', attempts: 0, reopenedAt: at });
    expect(backInQueueRouting({ state: 'unrouted', attempts: 1 }, { transferredAt: at })).toEqual({ state: 'unrouted', attempts: 0, transferredAt: at });
  });
});
