import * as z from './schema';
import { message } from './catalog/texts';
import type { Category, Language } from './taxonomy';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The time zones whose names the catalog can say. */
export const TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Puerto_Rico',
] as const;

const Clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM (24:00 for the end of the day)'));

const WindowSchema = z
  .object({ open: Clock, close: Clock })
  .check(z.refine((window) => minutes(window.open) < minutes(window.close), { message: 'must open before it closes' }));
export type DailyWindow = z.infer<typeof WindowSchema>;

/** When a line is open: one window per weekday (a missing day is closed) in one time zone. */
export const WeeklyHoursSchema = z.object({
  timeZone: z.enum(TIME_ZONES),
  days: z.partialRecord(z.enum(WEEKDAYS), WindowSchema),
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

export const HoursByCategorySchema = z.object({ detainee: WeeklyHoursSchema, tip: WeeklyHoursSchema, victim: WeeklyHoursSchema });
export type HoursByCategory = Record<Category, WeeklyHours>;

const weekdays = (open: string, close: string) =>
  Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, { open, close }])) as WeeklyHours['days'];
const everyDay = Object.fromEntries(WEEKDAYS.map((day) => [day, { open: '00:00', close: '24:00' }])) as WeeklyHours['days'];

/** Detainee and victim lines on weekdays 8 AM to 8 PM Eastern; tips around the clock. */
export const DEFAULT_HOURS: HoursByCategory = {
  detainee: { timeZone: 'America/New_York', days: weekdays('08:00', '20:00') },
  tip: { timeZone: 'America/New_York', days: everyDay },
  victim: { timeZone: 'America/New_York', days: weekdays('08:00', '20:00') },
};

export function minutes(hhmm: string): number {
  const [hours, mins] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + mins;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in a zone. */
function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'long',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: parts.weekday!.toLowerCase() as Weekday,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant at which a zone's clock shows this date and minute (DST-aware). */
function instantOf(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  let instant = asUtc;
  // Two rounds settle the zone's offset, including on the days the clocks change.
  for (let round = 0; round < 2; round++) {
    const shown = localTime(new Date(instant), timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, 0, shown.minuteOfDay);
    instant += asUtc - shownAsUtc;
  }
  return new Date(instant);
}

export function isOpen(hours: WeeklyHours, at: Date): boolean {
  const local = localTime(at, hours.timeZone);
  const window = hours.days[local.weekday];
  return window !== undefined && minutes(window.open) <= local.minuteOfDay && local.minuteOfDay < minutes(window.close);
}

/** `at` itself when open, else the next time the line opens; undefined if it never does. */
export function nextOpening(hours: WeeklyHours, at: Date): Date | undefined {
  if (isOpen(hours, at)) return at;
  const today = localTime(at, hours.timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7]!;
    const window = hours.days[weekday];
    if (!window) continue;
    const opening = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes(window.open), hours.timeZone);
    if (opening > at) return opening;
  }
  return undefined;
}

/** "Monday to Friday, 8 AM to 8 PM, Eastern time", in the caller's language. */
export function describeHours(hours: WeeklyHours, language: Language): string {
  const open = WEEKDAYS.filter((day) => hours.days[day]);
  const always = open.length === 7 && open.every((day) => hours.days[day]!.open === '00:00' && hours.days[day]!.close === '24:00');
  if (always) return message(language, 'hours.always');

  // Consecutive days with the same window read as one range.
  const groups: { days: Weekday[]; window: DailyWindow }[] = [];
  for (const day of open) {
    const window = hours.days[day]!;
    const last = groups.at(-1);
    const previousDay = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
    if (last && last.days.at(-1) === previousDay && last.window.open === window.open && last.window.close === window.close) {
      last.days.push(day);
    } else {
      groups.push({ days: [day], window });
    }
  }
  const schedule = groups
    .map((group) =>
      message(language, 'hours.window', {
        days: describeDays(group.days, language),
        open: describeTime(group.window.open, language),
        close: describeTime(group.window.close, language),
      }),
    )
    .join('; ');
  return message(language, 'hours.timeZone', { schedule, zone: message(language, `zone.${hours.timeZone}`) });
}

function describeDays(days: Weekday[], language: Language): string {
  const name = (day: Weekday) => message(language, `day.${day}`);
  if (days.length === 1) return name(days[0]!);
  if (days.length === 2) return message(language, 'hours.sameDays', { days: name(days[0]!), day: name(days[1]!) });
  return message(language, 'hours.dayRange', { first: name(days[0]!), last: name(days.at(-1)!) });
}

function describeTime(hhmm: string, language: Language): string {
  const total = minutes(hhmm);
  if (total === 0 || total === 24 * 60) return message(language, 'time.midnight');
  if (total === 12 * 60) return message(language, 'time.noon');
  const hour = Math.floor(total / 60);
  const mins = total % 60;
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}${mins ? `:${String(mins).padStart(2, '0')}` : ''}`;
  if (hour < 12) return message(language, 'time.morning', { time: clock });
  return message(language, hour < 19 ? 'time.afternoon' : 'time.evening', { time: clock });
}
