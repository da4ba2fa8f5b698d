import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { KmsPiiVault } from '../../../shared/adapters/pii/kms-vault';
import { LocalPiiVault } from '../../../shared/adapters/pii/local-vault';

const phone = '+12025550143';

describe('the local vault', () => {
  const vault = new LocalPiiVault('test-secret');

  it('seals so that the value cannot be read, and opens it again', async () => {
    const sealed = await vault.seal(phone);
    expect(sealed).not.toContain('2025550143');
    expect(await vault.open(sealed)).toBe(phone);
    expect(await vault.seal(phone)).not.toBe(sealed); // a fresh IV every time
  });

  it('fingerprints deterministically, keyed by its secret', async () => {
    expect(await vault.fingerprint(phone)).toBe(await vault.fingerprint(phone));
    expect(await vault.fingerprint(phone)).not.toBe(await new LocalPiiVault('other').fingerprint(phone));
  });

  it('refuses a tampered value', async () => {
    const sealed = await vault.seal(phone);
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA');
    await expect(vault.open(tampered)).rejects.toThrow();
  });
});

describe('the KMS vault', () => {
  const kms = mockClient(KMSClient);
  const dataKey = new Uint8Array(32).fill(7);
  const wrapped = new Uint8Array([1, 2, 3, 4]);

  beforeEach(() => {
    kms.reset();
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: dataKey, CiphertextBlob: wrapped });
    kms.on(DecryptCommand).resolves({ Plaintext: dataKey });
    kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array([9, 9, 9]) });
  });

  function vault() {
    return new KmsPiiVault({ kms: new KMSClient({ region: 'us-east-1' }), encryptionKeyId: 'key-arn', macKeyId: 'mac-arn' });
  }

  it('wraps a data key once and reuses it', async () => {
    const v = vault();
    const first = await v.seal(phone);
    await v.seal(phone);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'key-arn',
      KeySpec: 'AES_256',
      EncryptionContext: { app: 'enlace', purpose: 'pii' },
    });
    expect(first).not.toContain('2025550143');
    expect(await v.open(first)).toBe(phone);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0); // its own data key is cached
  });

  it('unwraps data keys sealed elsewhere through KMS with the encryption context', async () => {
    const sealed = await vault().seal(phone);
    expect(await vault().open(sealed)).toBe(phone);
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'key-arn',
      EncryptionContext: { app: 'enlace', purpose: 'pii' },
    });
  });

  it('fingerprints with a KMS HMAC key, cached per value', async () => {
    const v = vault();
    expect(await v.fingerprint(phone)).toBe(Buffer.from([9, 9, 9]).toString('base64url'));
    await v.fingerprint(phone);
    expect(kms.commandCalls(GenerateMacCommand)).toHaveLength(1);
    expect(kms.commandCalls(GenerateMacCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'mac-arn',
      MacAlgorithm: 'HMAC_SHA_256',
    });
  });
});
