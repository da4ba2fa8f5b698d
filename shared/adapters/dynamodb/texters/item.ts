import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { E164 } from '../../../domain/phone';
import type { Texter } from '../../../domain/sms/conversation';
import type { OutgoingText, TexterStore } from '../../../ports/texter-store';
import { isConditionalCheckFailed, type SealedTableAccess, type StoreOperation } from '../client';
import { keys } from '../keys';
import { TABLE_SCHEMA } from '../table-schema';

/**
 * What the texters' operations share: the stored item and its keys. As the intakes'
 * (../intakes/item.ts), the texter store is a set of functions, one module per use (the
 * conversation, the outbox), each taking these options, so that a function bundles only the
 * operations it calls (issue 18); DynamoTexterStore (../texter-store.ts) is all of them as one
 * TexterStore.
 */
export interface DynamoTexterStoreOptions extends SealedTableAccess {
  /** Days a texter's record is kept after their last text. */
  retentionDays: number;
  /**
   * Days an opt-out is kept after it is made: as long as an intake of theirs (closed by then) may
   * still be there for staff to answer. Without the record nothing can be texted to the number
   * (a staff reply needs it) and End User Messaging's own opt-out list still holds the STOP. A
   * victim notice checks it: while the number has an active registration for texts, the opt-out
   * has no expiry, and its days run again from the registration's end (see opt-out-expiry.ts).
   */
  optedOutRetentionDays: number;
}

/**
 * The options with what a warm function keeps between calls: the number as this function last
 * sealed it for a texter's record, by texter key. Every save writes it if the record has none
 * (if_not_exists), and sealing it again each time would cost a KMS GenerateDataKey per text.
 * Sealed for the record's place, it opens there whenever it is written. Ciphertext only, least
 * recently used first.
 */
export interface TexterOperationOptions extends DynamoTexterStoreOptions {
  sealedNumbers: Map<string, string>;
}

export function texterOperationOptions(options: DynamoTexterStoreOptions): TexterOperationOptions {
  return { ...options, sealedNumbers: new Map() };
}

/** An operation of the TexterStore as a function of the store's options. */
export type TexterOperation<K extends keyof TexterStore> = StoreOperation<TexterStore, TexterOperationOptions, K>;

export interface TexterItem {
  texter: Texter;
  version: number;
  /** Absent once an opted-out texter has nothing left to receive. */
  phoneCipher?: string;
  outbox?: OutgoingText[];
  sendAttempts?: number;
  pendingSk?: string;
}

export const pending = TABLE_SCHEMA.indexes.pending;

export function texterKeyOf(options: DynamoTexterStoreOptions, phone: E164): Promise<string> {
  return options.vault.fingerprint(phone);
}

export async function getTexterItem(options: DynamoTexterStoreOptions, key: string): Promise<TexterItem | undefined> {
  const { Item } = await options.client.send(new GetCommand({ TableName: options.tableName, Key: keys.texter(key), ConsistentRead: true }));
  return Item as TexterItem | undefined;
}

/**
 * An opted-out texter is kept as the keyed hash of the number alone: once nothing is left to
 * send (the opt-out's confirmation included), the sealed number goes.
 */
export async function forgetNumber(options: DynamoTexterStoreOptions, key: string): Promise<void> {
  await options.client
    .send(
      new UpdateCommand({
        TableName: options.tableName,
        Key: keys.texter(key),
        UpdateExpression: 'REMOVE phoneCipher',
        ConditionExpression: 'texter.optedOut = :true AND (attribute_not_exists(outbox) OR size(outbox) = :zero)',
        ExpressionAttributeValues: { ':true': true, ':zero': 0 },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error; // texts still to send: markSent forgets it
    });
}
