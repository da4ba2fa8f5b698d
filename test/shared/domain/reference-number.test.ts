import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ReferenceNumberSchema,
  checkDigit,
  isReferenceNumber,
  referenceNumberFor,
} from '../../../shared/domain/reference-number';

const body = fc.integer({ min: 100_000_000, max: 999_999_999 }).map(String);
const validNumber = body.map((digits) => `${digits}${checkDigit(digits)}`);

describe('reference numbers', () => {
  it('are 10 digits that pass their own check digit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.nat(20), (sourceKey, attempt) => {
        const reference = referenceNumberFor(sourceKey, attempt);
        expect(reference).toMatch(/^[1-9]\d{9}$/);
        expect(isReferenceNumber(reference)).toBe(true);
      }),
    );
  });

  it('reject every single-digit substitution', () => {
    fc.assert(
      fc.property(validNumber, (reference) => {
        for (let position = 0; position < reference.length; position++) {
          for (let digit = 0; digit <= 9; digit++) {
            if (String(digit) === reference[position]) continue;
            const typo = reference.slice(0, position) + digit + reference.slice(position + 1);
            expect(isReferenceNumber(typo), `${reference} -> ${typo}`).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reject every transposition of two adjacent, different digits', () => {
    fc.assert(
      fc.property(validNumber, (reference) => {
        for (let position = 0; position < reference.length - 1; position++) {
          const [a, b] = [reference[position], reference[position + 1]];
          if (a === b) continue;
          const swapped = reference.slice(0, position) + b + a + reference.slice(position + 2);
          expect(isReferenceNumber(swapped), `${reference} -> ${swapped}`).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('are derived from the source key: the same key gives the same number, attempts give others', () => {
    expect(referenceNumberFor('contact-1')).toBe(referenceNumberFor('contact-1'));
    expect(referenceNumberFor('contact-1')).not.toBe(referenceNumberFor('contact-2'));
    expect(referenceNumberFor('contact-1', 1)).not.toBe(referenceNumberFor('contact-1', 0));
  });

  it('refuse other shapes with a clear message', () => {
    for (const bad of ['', '123', '0123456789', '12345678901', 'abcdefghij', ' 1234567890']) {
      expect(isReferenceNumber(bad)).toBe(false);
    }
    const result = ReferenceNumberSchema.safeParse('1234567890');
    expect(result.success).toBe(isReferenceNumber('1234567890'));
    if (!result.success) expect(result.error.issues[0]?.message).toContain('not a valid reference number');
  });

  it('match a known Verhoeff example', () => {
    // The classic worked example: 236 has check digit 3.
    expect(checkDigit('236')).toBe(3);
  });
});
