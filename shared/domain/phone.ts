import * as z from './schema';
import { formatNationalNumber, parsePhone } from './phone-number';

/** A phone number in E.164 (+15551234567). Personal data: never log it, show it masked. */
export type E164 = string & { readonly __brand: 'E164' };

// The numbers toE164 has returned lately, least recently used first: a use case normalizes the
// caller's number and then NewIntakeSchema checks it again, and a texter's next text comes from
// the same number; parsing is the costly part (about 0.1 ms, issue 18). Bounded as the texter
// cache is (shared/adapters/texter-cache.ts), and in the function's memory only, like the texters
// that cache keeps by number.
const recentlyValid = new Set<string>();
const RECENT_LIMIT = 5000;

/**
 * Normalizes a phone number as people type it (US by default) to E.164, or undefined. Only the
 * regions of phone-regions.ts are known: a number from elsewhere is undefined.
 */
export function toE164(input: string): E164 | undefined {
  const text = input.trim();
  if (recentlyValid.delete(text)) {
    recentlyValid.add(text);
    return text as E164;
  }
  const parsed = parsePhone(text);
  if (!parsed?.valid) return undefined;
  const e164 = `+${parsed.callingCode}${parsed.national}`;
  recentlyValid.add(e164);
  if (recentlyValid.size > RECENT_LIMIT) recentlyValid.delete(recentlyValid.values().next().value!);
  return e164 as E164;
}

export const PhoneSchema = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.issues.push({ code: 'custom', message: 'not a valid phone number', input: value, params: { code: 'phone' } });
      return z.NEVER;
    }
    return e164;
  }),
);

/** A number as people in its country write it: "(800) 555-0100". */
export function formatNational(phone: E164): string {
  const parsed = parsePhone(phone);
  return parsed ? formatNationalNumber(parsed) : phone;
}

/** The hotline's own numbers, said to people who want to reach it another way. */
export interface HotlineNumbers {
  /** The toll-free number callers dial. */
  call: E164;
  /** The intake number texters write to (texts only). */
  text: E164;
}

export function lastFour(phone: E164): string {
  return phone.slice(-4);
}

export { maskPhone } from './mask';
