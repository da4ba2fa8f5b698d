import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { KmsPiiVault } from '../../../shared/adapters/pii/kms-vault';
import { LocalPiiVault } from '../../../shared/adapters/pii/local-vault';
import type { PiiVault, SealContext } from '../../../shared/ports/pii-vault';

const phone = '+12025550143';
const here: SealContext = { pk: 'INTAKE#T-7K3M9Q', sk: 'INTAKE', field: 'phone' };
/** Every way a sealed value can be moved: another record, another item of its partition, another field. */
const elsewhere: SealContext[] = [
  { ...here, pk: 'INTAKE#T-4D8R2W' },
  { ...here, sk: 'EVENT#1' },
  { ...here, field: 'email' },
];

/** A value sealed for one place opens there and nowhere else. */
function opensOnlyWhereSealed(vault: () => PiiVault) {
  it('opens a value only in the record and field it was sealed for', async () => {
    const sealed = await vault().seal(phone, here);
    expect(await vault().open(sealed, here)).toBe(phone);
    for (const other of elsewhere) await expect(vault().open(sealed, other), JSON.stringify(other)).rejects.toThrow();
  });
}

describe('the local vault', () => {
  const vault = new LocalPiiVault('test-secret');

  it('seals so that the value cannot be read, and opens it again', async () => {
    const sealed = await vault.seal(phone, here);
    expect(sealed).not.toContain('2025550143');
    expect(await vault.open(sealed, here)).toBe(phone);
    expect(await vault.seal(phone, here)).not.toBe(sealed); // a fresh IV every time
  });

  it('fingerprints deterministically, keyed by its secret', async () => {
    expect(await vault.fingerprint(phone)).toBe(await vault.fingerprint(phone));
    expect(await vault.fingerprint(phone)).not.toBe(await new LocalPiiVault('other').fingerprint(phone));
  });

  it('refuses a tampered value', async () => {
    const sealed = await vault.seal(phone, here);
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA');
    await expect(vault.open(tampered, here)).rejects.toThrow();
  });

  opensOnlyWhereSealed(() => vault);
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

  it('makes a data key for the value’s place, with that place as the encryption context', async () => {
    const v = vault();
    const first = await v.seal(phone, here);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'key-arn',
      KeySpec: 'AES_256',
      EncryptionContext: { app: 'enlace', pk: here.pk, sk: here.sk, field: 'phone' },
    });
    expect(first).not.toContain('2025550143');
    expect(await v.open(first, here)).toBe(phone);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0); // its own data key is cached
  });

  it('unwraps data keys sealed elsewhere through KMS with the place as the encryption context', async () => {
    const sealed = await vault().seal(phone, here);
    expect(await vault().open(sealed, here)).toBe(phone);
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'key-arn',
      EncryptionContext: { app: 'enlace', pk: here.pk, sk: here.sk, field: 'phone' },
    });
  });

  it('asks KMS again, with the other place, when a cached data key is used for another place', async () => {
    const v = vault();
    const sealed = await v.seal(phone, here);
    // This stand-in KMS unwraps whatever it is asked: the value's own AES-GCM data still refuses.
    await expect(v.open(sealed, elsewhere[0]!)).rejects.toThrow();
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual({ app: 'enlace', pk: 'INTAKE#T-4D8R2W', sk: 'INTAKE', field: 'phone' });
  });

  opensOnlyWhereSealed(vault);

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
