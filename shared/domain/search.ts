import * as z from './schema';
import { InvalidInputError } from './errors';
import { CaseNumberInputSchema, type CaseNumber } from './notifications';
import { toE164, type E164 } from './phone';
import { isReferenceNumber, REFERENCE_NUMBER_LENGTH, type ReferenceNumber } from './reference-number';

/** What staff search by: one kind at a time, so a 10-digit phone is never taken for a reference. */
export const SEARCH_KINDS = ['reference', 'phone', 'case'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuerySchema = z.object({
  by: z.enum(SEARCH_KINDS),
  q: z.string().check(z.trim(), z.minLength(1, 'type what to look for'), z.maxLength(64)),
});

/** Spaces, dashes, dots and a leading # are how people write numbers, not part of them. */
const separators = (typed: string) => typed.replace(/[\s\-.#]/g, '');

/**
 * A reference number as typed, or a refusal that says what is wrong: the check digit catches a
 * mistyped digit or two swapped ones before anything is looked up.
 */
export function parseReferenceQuery(typed: string): ReferenceNumber {
  const digits = separators(typed);
  if (!new RegExp(`^\\d{${REFERENCE_NUMBER_LENGTH}}$`).test(digits)) {
    throw InvalidInputError.ofField('search', 'q', { code: 'search.referenceLength', facts: { length: REFERENCE_NUMBER_LENGTH, digits } });
  }
  if (!isReferenceNumber(digits)) {
    throw InvalidInputError.ofField('search', 'q', { code: 'search.checkDigit', facts: { digits } });
  }
  return digits;
}

export function parsePhoneQuery(typed: string): E164 {
  const phone = toE164(typed);
  if (!phone) throw InvalidInputError.ofField('search', 'q', { code: 'search.notPhone' });
  return phone;
}

/** A case number in its one canonical form (case-number.ts: "CASE 44-00123" is 4400123), or a refusal in staff words. */
export function parseCaseQuery(typed: string): CaseNumber {
  const parsed = CaseNumberInputSchema.safeParse(typed);
  if (!parsed.success) throw InvalidInputError.ofField('search', 'q', { code: 'search.caseNumber' });
  return parsed.data;
}
