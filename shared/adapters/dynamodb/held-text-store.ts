import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../../domain/retention';
import type { HeldText, HeldTextStore } from '../../ports/held-texts';
import { isConditionalCheckFailed, queryDue, type SealedTableAccess } from './client';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

const pending = TABLE_SCHEMA.indexes.pending;

export interface DynamoHeldTextStoreOptions extends SealedTableAccess {
  /** Days a held or refused text is kept after it came (as long as the intake it could have become). */
  retentionDays: number;
}

/** Held texts: the number and the body sealed like every contact, in the sparse pending index. */
export class DynamoHeldTextStore implements HeldTextStore {
  constructor(private readonly options: DynamoHeldTextStoreOptions) {}

  async hold(text: HeldText): Promise<void> {
    const now = this.options.clock().toISOString();
    await this.options.client
      .send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...(await this.sealed(text, now)),
            [pending.partitionKey]: keys.pending.inbound,
            [pending.sortKey]: keys.pending.sort(now, text.messageId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error; // held already (a redelivery)
      });
  }

  async keepRefused(text: HeldText, reason: string): Promise<void> {
    // Not in the pending index: nothing can answer it; kept (sealed) so that it is not lost unseen.
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...(await this.sealed(text, this.options.clock().toISOString())), refused: reason },
      }),
    );
  }

  /** The held text's item: its number and words sealed, as every held text is kept. */
  private async sealed(text: HeldText, heldAt: string) {
    return {
      ...keys.heldText(text.messageId),
      messageId: text.messageId,
      fromCipher: await this.options.vault.seal(text.from, { ...keys.heldText(text.messageId), field: 'from' }),
      bodyCipher: await this.options.vault.seal(text.body, { ...keys.heldText(text.messageId), field: 'body' }),
      heldAt,
      expiresAt: expiryAfter(heldAt, this.options.retentionDays),
    };
  }

  async due(now: Date, limit: number): Promise<HeldText[]> {
    const items = await queryDue(this.options.client, this.options.tableName, keys.pending.inbound, now, limit);
    return Promise.all(
      items.map(async (item) => ({
        messageId: item.messageId as string,
        from: await this.options.vault.open(item.fromCipher as string, { ...keys.heldText(item.messageId as string), field: 'from' }),
        body: await this.options.vault.open(item.bodyCipher as string, { ...keys.heldText(item.messageId as string), field: 'body' }),
      })),
    );
  }

  async postpone(messageId: string, until: Date): Promise<void> {
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: keys.heldText(messageId),
        UpdateExpression: 'SET #sk = :sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#sk': pending.sortKey },
        ExpressionAttributeValues: { ':sk': keys.pending.sort(until.toISOString(), messageId) },
      }),
    ).catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
  }

  async release(messageId: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keys.heldText(messageId) }));
  }
}
