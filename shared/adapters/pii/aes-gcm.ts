import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Binds every ciphertext to its use: a sealed value cannot be replayed as some other field.
const AAD = Buffer.from('enlace/pii/v1');

/** AES-256-GCM: returns iv, ciphertext and tag, each base64url, joined by dots. */
export function encrypt(key: Uint8Array, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function decrypt(key: Uint8Array, sealed: string): string {
  const [iv, ciphertext, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !ciphertext || !tag) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(AAD);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
