import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Registration } from '../../../domain/notifications';
import type { RegistrationStore } from '../../../ports/victim-notices';
import { keys } from '../keys';
import { settleOptOutExpiry } from '../opt-out-expiry';
import type { SealedTableAccess, StoreOperation } from '../client';

/**
 * What the registrations' operations share: the stored item, its keys and its expiry. As the
 * intakes' (../intakes/item.ts), the registration store is a set of functions, one module per use
 * (create, status, read), each taking these options, so that a function bundles only the
 * operations it calls (issue 18); DynamoRegistrationStore (../registration-store.ts) is all of
 * them as one RegistrationStore.
 */
export interface DynamoRegistrationStoreOptions extends SealedTableAccess {
  /**
   * Days a withdrawn registration, or one never confirmed, is kept (from its withdrawal or its
   * making); an active one is kept while it stands. Its registrant pointer expires with it.
   */
  retentionDays: number;
  /**
   * The texters' `optedOutRetentionDays`: an opted-out number's record is kept while it has an
   * active registration for texts, and for these days after the last one ends.
   */
  optedOutRetentionDays: number;
}

/** An operation of the RegistrationStore as a function of the store's options. */
export type RegistrationOperation<K extends keyof RegistrationStore> = StoreOperation<RegistrationStore, DynamoRegistrationStoreOptions, K>;

export interface RegistrationItem extends Registration {
  sourceKey: string;
  expiresAt?: number;
  phoneCipher?: string;
  phoneHash?: string;
  emailCipher?: string;
  emailHash?: string;
}

export async function getRegistrationItem(options: DynamoRegistrationStoreOptions, caseNumber: string, id: string): Promise<RegistrationItem | undefined> {
  const { Item } = await options.client.send(new GetCommand({ TableName: options.tableName, Key: keys.registration(caseNumber, id), ConsistentRead: true }));
  return Item as RegistrationItem | undefined;
}

/** An opt-out of the number lives while a registration can text it (see opt-out-expiry.ts). */
export function settleOptOut(options: DynamoRegistrationStoreOptions, phoneHash: string): Promise<void> {
  return settleOptOutExpiry({ ...options, now: options.clock(), days: options.optedOutRetentionDays }, phoneHash);
}
