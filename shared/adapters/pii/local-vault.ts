import { createHash, createHmac } from 'node:crypto';
import type { PiiVault, SealContext } from '../../ports/pii-vault';
import { decrypt, encrypt } from './aes-gcm';

const PREFIX = 'local.v1.';

/**
 * The vault of the local runtime and the tests: keys derived from a local secret, so data kept
 * with `--data` stays readable across restarts. Never used in AWS.
 */
export class LocalPiiVault implements PiiVault {
  private readonly encryptionKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret = 'enlace-local-development-only') {
    this.encryptionKey = createHash('sha256').update(`encrypt\0${secret}`).digest();
    this.macKey = createHash('sha256').update(`mac\0${secret}`).digest();
  }

  async seal(plaintext: string, context: SealContext): Promise<string> {
    return PREFIX + encrypt(this.encryptionKey, plaintext, context);
  }

  async open(sealed: string, context: SealContext): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by the local vault');
    return decrypt(this.encryptionKey, sealed.slice(PREFIX.length), context);
  }

  async fingerprint(value: string): Promise<string> {
    return createHmac('sha256', this.macKey).update(value).digest('base64url');
  }
}
