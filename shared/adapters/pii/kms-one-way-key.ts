import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { OneWayKey } from '../../ports/one-way-key';

/**
 * The one-way key in AWS: an HMAC_256 KMS key of its own, used through GenerateMac, so the key
 * never leaves KMS and no one who reads the table can recompute a derived value.
 * https://docs.aws.amazon.com/kms/latest/developerguide/hmac.html
 */
export class KmsOneWayKey implements OneWayKey {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async derive(value: string): Promise<string> {
    const { Mac } = await this.kms.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(value, 'utf8') }));
    if (!Mac) throw new Error('KMS returned no MAC');
    return Buffer.from(Mac).toString('base64url');
  }
}
