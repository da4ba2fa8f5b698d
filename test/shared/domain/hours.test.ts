import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOURS, WeeklyHoursSchema, describeHours, isOpen, nextOpening } from '../../../shared/domain/hours';

const detainee = DEFAULT_HOURS.detainee;

describe('opening hours', () => {
  it('are open on weekdays 8 AM to 8 PM Eastern for detainee and victim lines', () => {
    expect(isOpen(detainee, new Date('2026-11-23T13:00:00Z'))).toBe(true); // Monday 08:00 EST
    expect(isOpen(detainee, new Date('2026-11-23T12:59:00Z'))).toBe(false); // 07:59
    expect(isOpen(detainee, new Date('2026-11-24T00:59:00Z'))).toBe(true); // Monday 19:59
    expect(isOpen(detainee, new Date('2026-11-24T01:00:00Z'))).toBe(false); // Monday 20:00
    expect(isOpen(detainee, new Date('2026-11-28T15:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(DEFAULT_HOURS.victim, new Date('2026-11-28T15:00:00Z'))).toBe(false);
  });

  it('are always open for tips', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), (at) => isOpen(DEFAULT_HOURS.tip, at)));
  });

  it('find the next opening across a weekend and a change of clocks', () => {
    // Friday 20:30 EST -> Monday 08:00 EST
    expect(nextOpening(detainee, new Date('2026-11-28T01:30:00Z'))?.toISOString()).toBe('2026-11-30T13:00:00.000Z');
    // Saturday before the spring change -> Monday 08:00 EDT (UTC-4)
    expect(nextOpening(detainee, new Date('2026-03-07T12:00:00Z'))?.toISOString()).toBe('2026-03-09T12:00:00.000Z');
    // Already open: now
    const open = new Date('2026-11-23T15:00:00Z');
    expect(nextOpening(detainee, open)).toBe(open);
    // Never open: none
    expect(nextOpening({ timeZone: 'America/New_York', days: {} }, open)).toBeUndefined();
  });

  it('give an opening that is open, after the time asked, within a week', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (at) => {
        const opening = nextOpening(detainee, at)!;
        expect(isOpen(detainee, opening)).toBe(true);
        expect(opening.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(opening.getTime() - at.getTime()).toBeLessThan(7 * 24 * 3600_000);
        // and the line was closed in the minute before it opened (unless it was open already)
        if (opening.getTime() !== at.getTime()) expect(isOpen(detainee, new Date(opening.getTime() - 60_000))).toBe(false);
      }),
    );
  });

  it('are read out in both languages', () => {
    expect(describeHours(detainee, 'en')).toBe('Monday to Friday, 8 AM to 8 PM, Eastern time');
    expect(describeHours(detainee, 'es')).toBe('de lunes a viernes, de 8 de la mañana a 8 de la noche, hora del Este');
    expect(describeHours(DEFAULT_HOURS.tip, 'es')).toBe('las 24 horas del día, los 7 días de la semana');
    const split = WeeklyHoursSchema.parse({
      timeZone: 'America/Chicago',
      days: { monday: { open: '09:30', close: '12:00' }, tuesday: { open: '09:30', close: '12:00' }, saturday: { open: '00:00', close: '13:15' } },
    });
    expect(describeHours(split, 'en')).toBe('Monday and Tuesday, 9:30 AM to noon; Saturday, midnight to 1:15 PM, Central time');
  });

  it('refuse a window that closes before it opens, a bad time or an unknown zone', () => {
    expect(WeeklyHoursSchema.safeParse({ timeZone: 'America/New_York', days: { monday: { open: '20:00', close: '08:00' } } }).success).toBe(false);
    expect(WeeklyHoursSchema.safeParse({ timeZone: 'America/New_York', days: { monday: { open: '8am', close: '20:00' } } }).success).toBe(false);
    expect(WeeklyHoursSchema.safeParse({ timeZone: 'Europe/Madrid', days: {} }).success).toBe(false);
  });
});
