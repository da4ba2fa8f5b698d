/**
 * A keyed one-way function for the keys that make writes idempotent (a Connect ContactId, an
 * inbound message id). What is stored is only the derived value, so an intake cannot be joined to
 * the contact or the message that created it (and through them to a phone number) by anyone
 * who reads the table, the logs or Connect's contact records: the key is held elsewhere (KMS in
 * AWS), never beside the data, and is a different key from the one behind phone fingerprints.
 */
export interface OneWayKey {
  /** The same value always gives the same result; the result tells nothing about the value. */
  derive(value: string): Promise<string>;
}
