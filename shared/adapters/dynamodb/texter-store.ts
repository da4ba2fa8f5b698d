import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StaleVersionError } from '../../domain/errors';
import type { E164 } from '../../domain/phone';
import { expiryAfter } from '../../domain/retention';
import { TexterSchema, type Texter } from '../../domain/sms/conversation';
import type { Clock } from '../../ports/clock';
import type { PiiVault } from '../../ports/pii-vault';
import type { OutgoingText, PendingTexts, TexterStore } from '../../ports/texter-store';
import { isConditionalCheckFailed, queryDue } from './client';
import { keys } from './keys';
import { canBeTexted, settleOptOutExpiry } from './opt-out-expiry';
import { TABLE_SCHEMA } from './table-schema';

export interface DynamoTexterStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  vault: PiiVault;
  clock: Clock;
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

interface TexterItem {
  texter: Texter;
  version: number;
  /** Absent once an opted-out texter has nothing left to receive. */
  phoneCipher?: string;
  outbox?: OutgoingText[];
  sendAttempts?: number;
  pendingSk?: string;
}

const pending = TABLE_SCHEMA.indexes.pending;

/** Sealed numbers a warm function keeps, by texter key (as many as the texter cache keeps texters). */
const SEALED_NUMBERS_KEPT = 5000;

export class DynamoTexterStore implements TexterStore {
  /**
   * The number as this function last sealed it for a texter's record, by texter key: every save
   * writes it if the record has none (if_not_exists), and sealing it again each time would cost a
   * KMS GenerateDataKey per text. Sealed for the record's place, it opens there whenever it is
   * written. Ciphertext only, least recently used first.
   */
  private readonly sealedNumbers = new Map<string, string>();

  constructor(private readonly options: DynamoTexterStoreOptions) {}

  private async sealedNumber(key: string, phone: E164): Promise<string> {
    const known = this.sealedNumbers.get(key);
    if (known !== undefined) this.sealedNumbers.delete(key);
    const sealed = known ?? (await this.options.vault.seal(phone, { ...keys.texter(key), field: 'phone' }));
    this.sealedNumbers.set(key, sealed);
    if (this.sealedNumbers.size > SEALED_NUMBERS_KEPT) this.sealedNumbers.delete(this.sealedNumbers.keys().next().value!);
    return sealed;
  }

  keyOf(phone: E164): Promise<string> {
    return this.options.vault.fingerprint(phone);
  }

  async load(phone: E164): Promise<{ texter: Texter; version: number } | undefined> {
    const item = await this.item(await this.keyOf(phone));
    return item && { texter: TexterSchema.parse(item.texter), version: item.version };
  }

  async save(phone: E164, texter: Texter, expectedVersion: number | undefined, texts: OutgoingText[]): Promise<void> {
    const key = await this.keyOf(phone);
    const now = this.options.clock();
    const values: Record<string, unknown> = {
      ':texter': TexterSchema.parse(texter),
      ':version': (expectedVersion ?? 0) + 1,
      ':now': now.toISOString(),
      ':texts': texts,
      ':empty': [],
    };
    const set = ['texter = :texter', '#version = :version', 'updatedAt = :now', 'outbox = list_append(if_not_exists(outbox, :empty), :texts)'];
    // The sealed number is written when the record has none: the first save, or the first after
    // an opt-out, which keeps only the hash (see forgetNumber).
    if (!texter.optedOut || texts.length > 0) {
      set.push('phoneCipher = if_not_exists(phoneCipher, :cipher)');
      values[':cipher'] = await this.sealedNumber(key, phone);
    }
    const remove: string[] = [];
    if (texts.length > 0) {
      // Due now: new texts go out at once, even if an earlier failure set a later retry.
      set.push('#pendingPk = :pendingPk', '#pendingSk = :pendingSk');
      values[':pendingPk'] = keys.pending.replies;
      values[':pendingSk'] = keys.pending.sort(now.toISOString(), key);
    }
    // An opt-out the number's registrations still need is kept without expiry; settled again below.
    const keepOptOut = texter.optedOut && (await canBeTexted(this.options, key));
    if (keepOptOut) remove.push('expiresAt');
    else {
      set.push('expiresAt = :expiresAt');
      values[':expiresAt'] = expiryAfter(now, texter.optedOut ? this.options.optedOutRetentionDays : this.options.retentionDays);
    }
    if (expectedVersion !== undefined) values[':expected'] = expectedVersion;
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.texter(key),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version', ...(texts.length ? { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey } : {}) },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleVersionError('Texter', expectedVersion ?? 0, undefined);
      throw error;
    }
    if (texter.optedOut) {
      await this.forgetNumber(key);
      // A registration activated or withdrawn since the look above is seen here.
      await settleOptOutExpiry({ ...this.options, now, days: this.options.optedOutRetentionDays }, key);
    }
  }

  /**
   * An opted-out texter is kept as the keyed hash of the number alone: once nothing is left to
   * send (the opt-out's confirmation included), the sealed number goes.
   */
  private async forgetNumber(key: string): Promise<void> {
    await this.options.client
      .send(
        new UpdateCommand({
          TableName: this.options.tableName,
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

  async queueText(phone: E164, text: OutgoingText): Promise<'queued' | 'opted_out' | 'unknown'> {
    const key = await this.keyOf(phone);
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.texter(key),
          UpdateExpression: 'SET outbox = list_append(if_not_exists(outbox, :empty), :texts), #pendingPk = :pendingPk, #pendingSk = :pendingSk',
          // The opt-out is checked in the same write that queues the text.
          ConditionExpression: 'attribute_exists(pk) AND texter.optedOut = :false',
          ExpressionAttributeNames: { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey },
          ExpressionAttributeValues: {
            ':empty': [],
            ':texts': [text],
            ':pendingPk': keys.pending.replies,
            ':pendingSk': keys.pending.sort(this.options.clock().toISOString(), key),
            ':false': false,
          },
        }),
      );
      return 'queued';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const item = await this.item(key);
      return item ? 'opted_out' : 'unknown';
    }
  }

  async pendingTexts(key: string): Promise<PendingTexts | undefined> {
    const item = await this.item(key);
    if (!item?.outbox?.length || !item.phoneCipher) return undefined;
    return {
      phone: (await this.options.vault.open(item.phoneCipher, { ...keys.texter(key), field: 'phone' })) as E164,
      optedOut: TexterSchema.parse(item.texter).optedOut,
      texts: item.outbox,
      attempts: item.sendAttempts ?? 0,
      dueAt: item.pendingSk?.split('#')[0] ?? new Date(0).toISOString(),
    };
  }

  async markSent(key: string, ids: string[]): Promise<void> {
    // Conditional on the version read: a text queued meanwhile must not be wiped out.
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = await this.item(key);
      if (!item) return;
      const remaining = (item.outbox ?? []).filter((text) => !ids.includes(text.id));
      const done = remaining.length === 0;
      try {
        await this.options.client.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: keys.texter(key),
            UpdateExpression: done
              ? 'SET outbox = :remaining, sendAttempts = :zero REMOVE #pendingPk, #pendingSk, lastSendError'
              : 'SET outbox = :remaining, sendAttempts = :zero',
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version', ...(done ? { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey } : {}) },
            ExpressionAttributeValues: { ':remaining': remaining, ':zero': 0, ':version': item.version },
          }),
        );
        if (done && TexterSchema.parse(item.texter).optedOut) await this.forgetNumber(key);
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    throw new Error('Could not mark texts sent: the texter keeps changing');
  }

  async recordSendFailure(key: string, error: string, retryAt: Date): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.texter(key),
        UpdateExpression: 'SET #pendingSk = :retry, sendAttempts = if_not_exists(sendAttempts, :zero) + :one, lastSendError = :error',
        ConditionExpression: 'attribute_exists(#pendingPk)',
        ExpressionAttributeNames: { '#pendingPk': pending.partitionKey, '#pendingSk': pending.sortKey },
        ExpressionAttributeValues: { ':retry': keys.pending.sort(retryAt.toISOString(), key), ':zero': 0, ':one': 1, ':error': error.slice(0, 500) },
      }),
    ).catch((failure: unknown) => {
      if (!isConditionalCheckFailed(failure)) throw failure; // sent meanwhile
    });
  }

  async listDueTexts(now: Date, limit: number): Promise<string[]> {
    const items = await queryDue(this.options.client, this.options.tableName, keys.pending.replies, now, limit);
    return items.map((item) => keys.texterHashOf(item.pk)!);
  }

  private async item(key: string): Promise<TexterItem | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.texter(key), ConsistentRead: true }));
    return Item as TexterItem | undefined;
  }
}
