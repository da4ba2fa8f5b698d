import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealContext } from '../../ports/pii-vault';

/**
 * The additional authenticated data of a sealed value: its use and its place (item and field),
 * so that a ciphertext opens only where it was sealed. Fields are joined with NUL, which no key
 * or field name contains, so two different places never give the same bytes.
 */
export function associatedData(context: SealContext): Buffer {
  return Buffer.from(['enlace/pii/v1', context.pk, context.sk, context.field].join('\0'));
}

/** AES-256-GCM: returns iv, ciphertext and tag, each base64url, joined by dots. */
export function encrypt(key: Uint8Array, plaintext: string, context: SealContext): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function decrypt(key: Uint8Array, sealed: string, context: SealContext): string {
  const [iv, ciphertext, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !ciphertext || !tag) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(associatedData(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
