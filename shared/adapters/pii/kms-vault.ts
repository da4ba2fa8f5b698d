import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { PiiVault } from '../../ports/pii-vault';
import { decrypt, encrypt } from './aes-gcm';

const PREFIX = 'kms.v1.';
const ENCRYPTION_CONTEXT = { app: 'enlace', purpose: 'pii' };

export interface KmsPiiVaultOptions {
  kms: KMSClient;
  /** The symmetric customer-managed key that wraps data keys. */
  encryptionKeyId: string;
  /** The HMAC_256 key behind fingerprints. */
  macKeyId: string;
  /** How long one data key encrypts new values before a fresh one is generated. */
  dataKeyTtlMs?: number;
}

/**
 * Envelope encryption with KMS: a data key from GenerateDataKey encrypts values locally with
 * AES-256-GCM and is stored, wrapped, beside them. Data keys are reused for a few minutes and
 * unwrapped keys are cached, so a request costs no KMS call in the common case. Fingerprints are
 * HMACs computed inside KMS, so the hashing key never leaves it.
 */
export class KmsPiiVault implements PiiVault {
  private dataKey?: { plaintext: Uint8Array; wrapped: string; expiresAt: number };
  private readonly unwrapped = new BoundedCache<Uint8Array>(100);
  private readonly fingerprints = new BoundedCache<string>(1000);

  constructor(private readonly options: KmsPiiVaultOptions) {}

  async seal(plaintext: string): Promise<string> {
    const key = await this.currentDataKey();
    return `${PREFIX}${key.wrapped}.${encrypt(key.plaintext, plaintext)}`;
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by the KMS vault');
    const [wrapped, ...rest] = sealed.slice(PREFIX.length).split('.');
    if (!wrapped) throw new Error('malformed sealed value');
    return decrypt(await this.unwrap(wrapped), rest.join('.'));
  }

  async fingerprint(value: string): Promise<string> {
    const cached = this.fingerprints.get(value);
    if (cached) return cached;
    const { Mac } = await this.options.kms.send(
      new GenerateMacCommand({
        KeyId: this.options.macKeyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from(value, 'utf8'),
      }),
    );
    if (!Mac) throw new Error('KMS returned no MAC');
    const fingerprint = Buffer.from(Mac).toString('base64url');
    this.fingerprints.set(value, fingerprint);
    return fingerprint;
  }

  private async currentDataKey() {
    if (this.dataKey && this.dataKey.expiresAt > Date.now()) return this.dataKey;
    const { Plaintext, CiphertextBlob } = await this.options.kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.options.encryptionKeyId,
        KeySpec: 'AES_256',
        EncryptionContext: ENCRYPTION_CONTEXT,
      }),
    );
    if (!Plaintext || !CiphertextBlob) throw new Error('KMS returned no data key');
    const wrapped = Buffer.from(CiphertextBlob).toString('base64url');
    this.dataKey = { plaintext: Plaintext, wrapped, expiresAt: Date.now() + (this.options.dataKeyTtlMs ?? 5 * 60_000) };
    this.unwrapped.set(wrapped, Plaintext);
    return this.dataKey;
  }

  private async unwrap(wrapped: string): Promise<Uint8Array> {
    const cached = this.unwrapped.get(wrapped);
    if (cached) return cached;
    const { Plaintext } = await this.options.kms.send(
      new DecryptCommand({
        KeyId: this.options.encryptionKeyId,
        CiphertextBlob: Buffer.from(wrapped, 'base64url'),
        EncryptionContext: ENCRYPTION_CONTEXT,
      }),
    );
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    this.unwrapped.set(wrapped, Plaintext);
    return Plaintext;
  }
}

/** A small least-recently-used cache. */
class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
