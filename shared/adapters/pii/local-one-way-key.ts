import { createHash, createHmac } from 'node:crypto';
import type { OneWayKey } from '../../ports/one-way-key';

/** The local runtime's and the tests' one-way key: an HMAC key derived from a local secret. */
export class LocalOneWayKey implements OneWayKey {
  private readonly key: Buffer;

  constructor(secret = 'enlace-local-development-only') {
    // A different derivation from the local vault's keys: holding the vault gives no way to it.
    this.key = createHash('sha256').update(`source-key\0${secret}`).digest();
  }

  async derive(value: string): Promise<string> {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}
