import { createHash } from 'node:crypto';
import * as z from './schema';

/**
 * Reference numbers: 10 digits a caller can key in and hear read back. The first nine are
 * the body (never starting with 0, so spreadsheets and people do not drop it); the tenth is
 * a Verhoeff check digit, which catches every single-digit error and every transposition of
 * two adjacent digits, so a typo is refused before any lookup.
 */
export type ReferenceNumber = string & { readonly __brand: 'ReferenceNumber' };

export const REFERENCE_NUMBER_LENGTH = 10;

// Verhoeff's tables: multiplication in the dihedral group D5, a position permutation, inverses.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
] as const;
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
] as const;
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9] as const;

function verhoeff(digits: string, offset: 0 | 1): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    c = D[c]![P[(i + offset) % 8]![digit]!]!;
  }
  return c;
}

export function checkDigit(body: string): number {
  return INV[verhoeff(body, 1)]!;
}

export function isReferenceNumber(value: string): value is ReferenceNumber {
  return /^[1-9]\d{9}$/.test(value) && verhoeff(value, 0) === 0;
}

export const ReferenceNumberSchema = z.pipe(
  z.string().check(z.refine(isReferenceNumber, { message: 'not a valid reference number (10 digits with a check digit)' })),
  z.transform((value) => value as ReferenceNumber),
);

/**
 * The reference number for a contact, derived from its source key (a Connect ContactId, an
 * SMS inbound message id...). Deriving it makes a redelivered contact land on the same number,
 * so the store can create an intake idempotently with one conditional write. `attempt` moves to
 * the next candidate when two source keys collide on the same number.
 */
export function referenceNumberFor(sourceKey: string, attempt = 0): ReferenceNumber {
  const hash = createHash('sha256').update(`enlace/reference-number/v1\0${attempt}\0${sourceKey}`).digest();
  const body = String(100_000_000n + (hash.readBigUInt64BE(0) % 900_000_000n));
  return `${body}${checkDigit(body)}` as ReferenceNumber;
}

/** "1234567890" -> "1 2 3 4 5 6 7 8 9 0": for texts that are read aloud or typed back. */
export function spellDigits(value: string): string {
  return value.split('').join(' ');
}
