import { constants, createCipheriv, createDecipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../../domain/schema';
import type { DeadLetterQueue } from '../../ports/dead-letters';

/**
 * Dead letters sealed for the operators only. A message is encrypted with a fresh AES-256-GCM key,
 * and that key is encrypted with the public half of an asymmetric KMS key (DeadLetterKey,
 * RSA_4096, ENCRYPT_DECRYPT) under RSAES_OAEP_SHA_256: OAEP with SHA-256 and MGF1 with SHA-256,
 * what node:crypto's publicEncrypt does with oaepHash 'sha256' (OpenSSL takes the MGF1 hash from
 * the OAEP hash unless told otherwise). Sealing needs no KMS call per message: the public key is
 * fetched once (kms:GetPublicKey). Only KMS can open the wrapped key (kms:Decrypt with
 * RSAES_OAEP_SHA_256), and no function is allowed to: the operator's redrive does, with the
 * operator's own credentials (local/redrive.ts --key).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html (RSA_4096 for ENCRYPT_DECRYPT;
 *   RSAES_OAEP_SHA_256 is PKCS #1 v2.2 OAEP with SHA-256 for the hash and for MGF1 and an empty label)
 * https://docs.aws.amazon.com/kms/latest/developerguide/offline-operations.html (encrypting with the public key outside KMS)
 */

export const SEALED_DEAD_LETTER = 'enlace.sealed-dead-letter.v1';
/** The KMS encryption algorithm that opens the wrapped key; the one publicEncrypt below matches. */
export const WRAPPING_ALGORITHM = 'RSAES_OAEP_SHA_256';

export const SealedDeadLetterSchema = z.lazy(() => z.object({
  sealed: z.literal(SEALED_DEAD_LETTER),
  /** The ARN of the KMS key whose public half wrapped the message key. */
  keyId: z.string().check(z.minLength(1)),
  wrappedKey: z.base64(),
  iv: z.base64(),
  tag: z.base64(),
  ciphertext: z.base64(),
}));
export type SealedDeadLetter = z.output<typeof SealedDeadLetterSchema>;

/** Seals a whole message (as JSON) under a DER (SubjectPublicKeyInfo) RSA public key. */
export function sealDeadLetter(message: unknown, publicKeyDer: Uint8Array, keyId: string): SealedDeadLetter {
  const messageKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', messageKey, iv);
  // The envelope's identity is authenticated with the message: a wrapped key moved to another envelope does not open it.
  cipher.setAAD(Buffer.from(`${SEALED_DEAD_LETTER}|${keyId}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(message), 'utf8'), cipher.final()]);
  const publicKey = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const wrappedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, messageKey);
  messageKey.fill(0);
  return {
    sealed: SEALED_DEAD_LETTER,
    keyId,
    wrappedKey: wrappedKey.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Opens a sealed dead letter, the message key unwrapped by `unwrap` (KMS Decrypt, or a test's private key). */
export async function openDeadLetter(envelope: SealedDeadLetter, unwrap: (wrappedKey: Uint8Array, keyId: string) => Promise<Uint8Array>): Promise<unknown> {
  const messageKey = await unwrap(Buffer.from(envelope.wrappedKey, 'base64'), envelope.keyId);
  const decipher = createDecipheriv('aes-256-gcm', messageKey, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(`${SEALED_DEAD_LETTER}|${envelope.keyId}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(plaintext) as unknown;
}

/**
 * The SQS dead-letter queue, sealing each message first. The public key is fetched on first use
 * and kept for the life of the function instance; a failed fetch is tried again next time.
 */
export class SealedDeadLetterQueue implements DeadLetterQueue {
  private publicKey: Promise<Uint8Array> | undefined;

  constructor(private readonly options: { kms: KMSClient; keyId: string; sqs: SQSClient; queueUrl: string }) {}

  async send(message: unknown): Promise<void> {
    const envelope = sealDeadLetter(message, await this.fetchPublicKey(), this.options.keyId);
    await this.options.sqs.send(new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: JSON.stringify(envelope) }));
  }

  private fetchPublicKey(): Promise<Uint8Array> {
    this.publicKey ??= this.options.kms.send(new GetPublicKeyCommand({ KeyId: this.options.keyId })).then(({ PublicKey, KeyUsage, EncryptionAlgorithms }) => {
      if (!PublicKey) throw new Error('KMS returned no public key');
      if (KeyUsage !== undefined && KeyUsage !== 'ENCRYPT_DECRYPT') throw new Error(`The dead-letter key is for ${KeyUsage}, not ENCRYPT_DECRYPT`);
      if (EncryptionAlgorithms !== undefined && !EncryptionAlgorithms.includes(WRAPPING_ALGORITHM)) throw new Error(`The dead-letter key does not support ${WRAPPING_ALGORITHM}`);
      return PublicKey;
    });
    this.publicKey.catch(() => (this.publicKey = undefined));
    return this.publicKey;
  }
}
