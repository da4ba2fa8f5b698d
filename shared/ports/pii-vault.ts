/**
 * Protects personal data (phone numbers, e-mail addresses) before it is stored.
 * In AWS it is backed by KMS; locally by a key on the machine.
 */
export interface PiiVault {
  /** Encrypts a value; the result is opaque and safe to store. */
  seal(plaintext: string): Promise<string>;
  /** Decrypts what `seal` produced. */
  open(sealed: string): Promise<string>;
  /** A keyed hash of the value: the same value always gives the same fingerprint, for lookups. */
  fingerprint(value: string): Promise<string>;
}
