import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { PiiVault, SealContext } from '../../ports/pii-vault';
import { decrypt, encrypt } from './aes-gcm';

const PREFIX = 'kms.v1.';

/** The application named in every encryption context of a sealed value. */
export const ENCRYPTION_CONTEXT_APP = 'enlace';

/**
 * The names of a sealed value's encryption context, in one place for the vault and for the IAM
 * policy that allows these names and no others (DataKeys.grantPiiUse: kms:EncryptionContextKeys).
 */
export const ENCRYPTION_CONTEXT_KEYS = ['app', 'pk', 'sk', 'field'] as const;

/**
 * The KMS encryption context of a sealed value: its place (item keys and field), the same as
 * the AES-GCM additional data inside. KMS binds it to the wrapped data key, so the key unwraps
 * only for that place, CloudTrail shows it with every Decrypt, and policies can allow a function
 * only the places it works with (kms:EncryptionContext:pk). It is not secret: item keys are
 * ids and keyed hashes, never a number or a name.
 * https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html
 */
export function encryptionContext(context: SealContext): Record<(typeof ENCRYPTION_CONTEXT_KEYS)[number], string> {
  return { app: ENCRYPTION_CONTEXT_APP, pk: context.pk, sk: context.sk, field: context.field };
}

export interface KmsPiiVaultOptions {
  kms: KMSClient;
  /** The symmetric customer-managed key for personal data (the PII key) that wraps data keys. */
  encryptionKeyId: string;
  /** The HMAC_256 key behind fingerprints. */
  macKeyId: string;
}

/**
 * Envelope encryption with KMS: a data key from GenerateDataKey, made for the value's place
 * (its encryption context), encrypts the value locally with AES-256-GCM and is stored, wrapped,
 * beside it. A data key serves one place only, so each seal costs one KMS call; unwrapped keys
 * are cached by wrapped key and place, so opening the same value again costs none.
 * Fingerprints are HMACs computed inside KMS, so the hashing key never leaves it.
 */
export class KmsPiiVault implements PiiVault {
  private readonly unwrapped = new BoundedCache<Uint8Array>(100);
  private readonly fingerprints = new BoundedCache<string>(1000);

  constructor(private readonly options: KmsPiiVaultOptions) {}

  async seal(plaintext: string, context: SealContext): Promise<string> {
    const { Plaintext, CiphertextBlob } = await this.options.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.options.encryptionKeyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) }),
    );
    if (!Plaintext || !CiphertextBlob) throw new Error('KMS returned no data key');
    const wrapped = Buffer.from(CiphertextBlob).toString('base64url');
    this.unwrapped.set(cacheKey(wrapped, context), Plaintext);
    return `${PREFIX}${wrapped}.${encrypt(Plaintext, plaintext, context)}`;
  }

  async open(sealed: string, context: SealContext): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by the KMS vault');
    const [wrapped, ...rest] = sealed.slice(PREFIX.length).split('.');
    if (!wrapped) throw new Error('malformed sealed value');
    return decrypt(await this.unwrap(wrapped, context), rest.join('.'), context);
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

  private async unwrap(wrapped: string, context: SealContext): Promise<Uint8Array> {
    const cached = this.unwrapped.get(cacheKey(wrapped, context));
    if (cached) return cached;
    const { Plaintext } = await this.options.kms.send(
      new DecryptCommand({
        KeyId: this.options.encryptionKeyId,
        CiphertextBlob: Buffer.from(wrapped, 'base64url'),
        EncryptionContext: encryptionContext(context),
      }),
    );
    if (!Plaintext) throw new Error('KMS returned no plaintext');
    this.unwrapped.set(cacheKey(wrapped, context), Plaintext);
    return Plaintext;
  }
}

/** A cached data key serves only the place KMS unwrapped it for. */
const cacheKey = (wrapped: string, context: SealContext) => JSON.stringify([wrapped, context.pk, context.sk, context.field]);

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
