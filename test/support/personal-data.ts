import { findNumbers } from 'libphonenumber-js/max';
import { isReferenceNumber } from '../../shared/domain/reference-number';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Phone numbers (in any format libphonenumber-js recognizes: "(202) 555-0711", "202.555.0711",
 * "+1 202 555 0711", "2025550711", international ones) and e-mail addresses in a text.
 * Reference numbers (10 digits with a check digit) are the hotline's own and may be logged: they
 * are set aside first, so that only what could be someone's number counts.
 */
export function personalDataIn(text: string): string[] {
  const withoutReferences = text.replace(/\d{10}/g, (digits) => (isReferenceNumber(digits) ? '[ref]' : digits));
  // `v2` gives the matched text; the default leniency ("valid") keeps timestamps and ids out.
  const numbers = findNumbers(withoutReferences, { defaultCountry: 'US', v2: true }).map((found) => found.number.number as string);
  return [...numbers, ...(withoutReferences.match(EMAIL) ?? [])];
}
