import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HotlineNumbers } from '../../../shared/domain/phone';

const RealDateTimeFormat = Intl.DateTimeFormat;
afterEach(() => {
  Intl.DateTimeFormat = RealDateTimeFormat;
});

/** Counts the formatters built from now on. */
function countFormatters(): { count: number } {
  const built = { count: 0 };
  Intl.DateTimeFormat = new Proxy(RealDateTimeFormat, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built.count++;
      return new target(...args);
    },
  });
  return built;
}

describe('the domain at module load', () => {
  it('builds no Intl.DateTimeFormat until a notice is written (about 15 ms of every cold start)', async () => {
    vi.resetModules();
    const built = countFormatters();
    const { noticeText } = await import('../../../shared/domain/notifications');
    await import('../../../shared/domain/intake');
    await import('../../../shared/domain/hours');
    expect(built.count).toBe(0);

    const hotline = { call: '+18005550100', text: '+12025550100' } as HotlineNumbers;
    const event = { id: 'a1b2c3d4-0000-0000-0000-000000000000', caseNumber: 'CR-2026-0001', type: 'released', date: '2026-12-24', recordedBy: 'staff', recordedAt: '2026-11-30T15:00:00.000Z' } as const;
    expect(noticeText(event, 'es', 'sms', hotline).body).toContain('24 de diciembre de 2026');
    expect(noticeText(event, 'en', 'email', hotline).body).toContain('December 24, 2026');
    noticeText(event, 'en', 'sms', hotline);
    expect(built.count).toBe(2);
  });
});
