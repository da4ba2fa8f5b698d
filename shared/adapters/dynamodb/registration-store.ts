import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseOrThrow } from '../../domain/errors';
import { RegistrationSchema, maskEmail, type CaseNumber, type Registration } from '../../domain/notifications';
import type { E164 } from '../../domain/phone';
import { expiryAfter } from '../../domain/retention';
import type { ChangeAudit } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Page } from '../../ports/intake-store';
import type { PiiVault } from '../../ports/pii-vault';
import type { NewRegistration, RegistrationStore } from '../../ports/victim-notices';
import { isConditionalCheckFailed } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { settleOptOutExpiry } from './opt-out-expiry';

export interface DynamoRegistrationStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  vault: PiiVault;
  clock: Clock;
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

interface RegistrationItem extends Registration {
  sourceKey: string;
  expiresAt?: number;
  phoneCipher?: string;
  phoneHash?: string;
  emailCipher?: string;
}

/** Derived from the source, so that a repeated call, text or form makes the same registration. */
function registrationId(sourceKey: string): string {
  return createHash('sha256').update(`enlace/registration/v1\0${sourceKey}`).digest('hex').slice(0, 24);
}

export class DynamoRegistrationStore implements RegistrationStore {
  constructor(private readonly options: DynamoRegistrationStoreOptions) {}

  async create(input: NewRegistration): Promise<{ registration: Registration; created: boolean }> {
    const id = registrationId(input.sourceKey);
    const at = this.options.clock().toISOString();
    const registration = parseOrThrow(RegistrationSchema, 'registration', {
      id,
      caseNumber: input.caseNumber,
      language: input.language,
      channels: input.channels,
      status: input.active ? 'active' : 'pending',
      ...(input.phone ? { phoneLast4: input.phone.slice(-4) } : {}),
      ...(input.email ? { emailMasked: maskEmail(input.email) } : {}),
      source: input.source,
      createdAt: at,
      createdBy: input.createdBy,
      ...(input.active ? { confirmedAt: at } : {}),
    });
    const { vault } = this.options;
    const phoneHash = input.phone ? await vault.fingerprint(input.phone) : undefined;
    // Not confirmed, it does not stand: it goes the retention period after it was made.
    const expiry = input.active ? {} : { expiresAt: expiryAfter(at, this.options.retentionDays) };
    const item: RegistrationItem = {
      ...registration,
      ...expiry,
      sourceKey: input.sourceKey,
      ...(input.phone ? { phoneCipher: await vault.seal(input.phone), phoneHash } : {}),
      ...(input.email ? { emailCipher: await vault.seal(input.email) } : {}),
      ...(input.audit ? { audit: { ...input.audit, after: { ...input.audit.after, registration: id }, id: `register#${id}`, at, actor: input.createdBy } } : {}),
    };
    // The pointer first: without its registration it points at nothing, and is harmless.
    if (phoneHash) {
      await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: { ...keys.registrant(phoneHash, input.caseNumber, id), ...expiry } }));
    }
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...keys.registration(input.caseNumber, id), ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      if (input.active && phoneHash && registration.channels.includes('sms')) await this.settleOptOut(phoneHash);
      return { registration, created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return { registration: RegistrationSchema.parse(await this.item(input.caseNumber, id)), created: false };
    }
  }

  async listByCase(caseNumber: CaseNumber, cursor?: string, limit = 100): Promise<Page<Registration>> {
    const partition = keys.casePartition(caseNumber);
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.registrationPrefix },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { attribute: 'pk', value: partition }, ['pk', 'sk']),
      }),
    );
    const next = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map((item) => RegistrationSchema.parse(item)), ...(next ? { cursor: next } : {}) };
  }

  async withContact(caseNumber: CaseNumber, id: string) {
    const item = await this.item(caseNumber, id);
    if (!item) return undefined;
    const { vault } = this.options;
    return {
      registration: RegistrationSchema.parse(item),
      ...(item.phoneCipher ? { phone: (await vault.open(item.phoneCipher)) as E164 } : {}),
      ...(item.emailCipher ? { email: await vault.open(item.emailCipher) } : {}),
    };
  }

  async activate(caseNumber: CaseNumber, id: string): Promise<Registration | undefined> {
    const item = await this.update(caseNumber, id, 'SET #status = :active, confirmedAt = :now REMOVE expiresAt', '#status = :pending', { ':active': 'active', ':pending': 'pending' });
    if (item) await this.expirePointer(item, undefined);
    if (item?.phoneHash) await this.settleOptOut(item.phoneHash);
    return item && RegistrationSchema.parse(item);
  }

  async withdraw(caseNumber: CaseNumber, id: string, by: string, audit?: ChangeAudit): Promise<Registration | undefined> {
    const now = this.options.clock();
    const expiresAt = expiryAfter(now, this.options.retentionDays);
    const withAudit = audit ? ', changes = list_append(if_not_exists(changes, :noChanges), :change)' : '';
    const item = await this.update(caseNumber, id, `SET #status = :withdrawn, withdrawnAt = :now, withdrawnBy = :by, expiresAt = :expiresAt${withAudit}`, '#status <> :withdrawn', {
      ':withdrawn': 'withdrawn',
      ':by': by,
      ':expiresAt': expiresAt,
      ...(audit
        ? { ':noChanges': [], ':change': [{ audit: { ...audit, after: { ...audit.after, registration: id }, id: `withdraw#${id}`, at: now.toISOString(), actor: by } }] }
        : {}),
    });
    if (item) await this.expirePointer(item, expiresAt);
    if (item?.phoneHash) await this.settleOptOut(item.phoneHash);
    return item && RegistrationSchema.parse(item);
  }

  /** The registrant pointer takes its registration's expiry (none: it stands). */
  private async expirePointer(item: RegistrationItem, expiresAt: number | undefined): Promise<void> {
    if (!item.phoneHash) return;
    await this.options.client
      .send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.registrant(item.phoneHash, item.caseNumber, item.id),
          UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
          ConditionExpression: 'attribute_exists(pk)',
          ...(expiresAt === undefined ? {} : { ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error; // no pointer (written before pointers expired): nothing to keep
      });
  }

  /** An opt-out of the number lives while a registration can text it (see opt-out-expiry.ts). */
  private settleOptOut(phoneHash: string): Promise<void> {
    return settleOptOutExpiry({ ...this.options, now: this.options.clock(), days: this.options.optedOutRetentionDays }, phoneHash);
  }

  async byPhone(phone: E164): Promise<Registration[]> {
    const hash = await this.options.vault.fingerprint(phone);
    const pointers = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.registrantPartition(hash) },
      }),
    );
    const found = await Promise.all(
      (pointers.Items ?? []).map((pointer) => {
        const [, caseNumber, id] = (pointer.sk as string).split('#') as [string, string, string];
        return this.item(caseNumber, id);
      }),
    );
    return found.filter((item): item is RegistrationItem => item !== undefined).map((item) => RegistrationSchema.parse(item));
  }

  private async update(caseNumber: CaseNumber, id: string, expression: string, condition: string, values: Record<string, unknown>): Promise<RegistrationItem | undefined> {
    try {
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.registration(caseNumber, id),
          UpdateExpression: expression,
          ConditionExpression: `attribute_exists(pk) AND ${condition}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':now': this.options.clock().toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as RegistrationItem;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  private async item(caseNumber: string, id: string): Promise<RegistrationItem | undefined> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: keys.registration(caseNumber, id), ConsistentRead: true }),
    );
    return Item as RegistrationItem | undefined;
  }
}
