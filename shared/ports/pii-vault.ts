/**
 * Where a sealed value is kept: the table item (its partition and sort key) and the attribute.
 * A value sealed for one place opens only there, so a sealed number or body copied from one
 * record to another (or to another field of the same record) is refused instead of being shown,
 * texted or e-mailed as if it were that record's.
 */
export interface SealContext {
  pk: string;
  sk: string;
  field: string;
}

/**
 * Protects personal data (phone numbers, e-mail addresses, message bodies) before it is stored.
 * In AWS it is backed by KMS; locally by a key on the machine.
 */
export interface PiiVault {
  /** Encrypts a value for one place; the result is opaque and safe to store there. */
  seal(plaintext: string, context: SealContext): Promise<string>;
  /** Decrypts what `seal` produced for the same place; anything else fails. */
  open(sealed: string, context: SealContext): Promise<string>;
  /** A keyed hash of the value: the same value always gives the same fingerprint, for lookups. */
  fingerprint(value: string): Promise<string>;
}
