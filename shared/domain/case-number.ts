/**
 * A case number's one form, for storage, lookup and display: its digits, 6 to 12 of them (digits
 * only, so that callers can key them in on the phone menu). How people write it is not part of it:
 * "CASE 44-00123", "44 00123", "4400123#" and "4400123" are one case. No zod here: the console
 * bundles this module.
 */
export const CASE_NUMBER_DIGITS = { min: 6, max: 12 } as const;

/** Spaces, dashes, dots, slashes, a leading # or "case" and a trailing # (the phone menu's end key). */
const WRITING = /[\s\-./#]/g;

/** The canonical form of a case number as typed, or undefined when it is not one. */
export function canonicalCaseNumber(typed: string): string | undefined {
  const digits = typed.replace(/^\s*(case|caso)\s*(no\.?|n[º°o]\.?)?/i, '').replace(WRITING, '');
  return new RegExp(`^\\d{${CASE_NUMBER_DIGITS.min},${CASE_NUMBER_DIGITS.max}}$`).test(digits) ? digits : undefined;
}
