import { describe, expect, it } from 'vitest';
import { noticeText, type CustodyEvent } from '../../../shared/domain/notifications';
import type { E164 } from '../../../shared/domain/phone';
import { LANGUAGES } from '../../../shared/domain/taxonomy';

const EVENT: CustodyEvent = { id: 'abcdef12-3456', caseNumber: '123456789012', type: 'released', date: '2026-09-30', recordedBy: 'x', recordedAt: '2026-09-30T00:00:00.000Z' };
const HOTLINE = { call: '+18885550199' as E164, text: '+18885550100' as E164 };

describe('a notice', () => {
  it.each(LANGUAGES)('by e-mail in %s says both numbers that reach the hotline, as people write them', (language) => {
    const { body } = noticeText(EVENT, language, 'email', HOTLINE);
    expect(body).toContain('(888) 555-0199');
    expect(body).toContain('(888) 555-0100');
  });

  it.each(LANGUAGES)('by text in %s is answered with a keyword instead, and says no number', (language) => {
    const { body } = noticeText(EVENT, language, 'sms', HOTLINE);
    expect(body).toMatch(language === 'en' ? /Reply WITHDRAW/ : /Responda RETIRAR/);
    expect(body).not.toMatch(/555-01/);
  });
});
