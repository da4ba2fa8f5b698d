import { describe, expect, it } from 'vitest';
import { IntakeSchema, buildIntake, hasUnreadFollowUp } from '../../../shared/domain/intake';
import { referenceNumberFor } from '../../../shared/domain/reference-number';

const FOLLOW_UP = '2026-11-24T14:05:00.000Z';

describe('an unread follow-up', () => {
  it('is none without a follow-up, whoever looks and whenever', () => {
    expect(hasUnreadFollowUp({}, 'ana')).toBe(false);
    expect(hasUnreadFollowUp({ seenBy: { ana: '2026-11-24T14:00:00.000Z' } }, 'ana')).toBe(false);
  });

  it('is unread for whoever has not opened the intake since it came, read for whoever has', () => {
    const intake = { lastFollowUpAt: FOLLOW_UP, seenBy: { ana: '2026-11-24T14:06:00.000Z', ben: '2026-11-24T14:04:59.999Z' } };
    expect(hasUnreadFollowUp(intake, 'ana')).toBe(false);
    expect(hasUnreadFollowUp(intake, 'ben')).toBe(true);
    expect(hasUnreadFollowUp(intake, 'carmen')).toBe(true);
    expect(hasUnreadFollowUp({ lastFollowUpAt: FOLLOW_UP }, 'ana')).toBe(true);
  });

  it('is read when opened the same millisecond it came', () => {
    expect(hasUnreadFollowUp({ lastFollowUpAt: FOLLOW_UP, seenBy: { ana: FOLLOW_UP } }, 'ana')).toBe(false);
  });

  it('keeps its times through the stored form of an intake', () => {
    const { intake } = buildIntake({ sourceKey: 's', category: 'tip', language: 'en', channel: 'sms', anonymous: false, summary: '' }, referenceNumberFor('s'), new Date(FOLLOW_UP));
    const stored = IntakeSchema.parse({ ...intake, lastFollowUpAt: FOLLOW_UP, seenBy: { ana: FOLLOW_UP } });
    expect(stored).toMatchObject({ lastFollowUpAt: FOLLOW_UP, seenBy: { ana: FOLLOW_UP } });
    expect(IntakeSchema.safeParse({ ...intake, seenBy: { ana: 'yesterday' } }).success).toBe(false);
  });
});
