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
import { ForbiddenChangeError } from '../../domain/errors';
import type { CreatedRegistration, NewRegistration, RegistrationStore } from '../../ports/victim-notices';
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
  emailHash?: string;
}

/** A case's claim on one contact: which registration has it, since when. */
interface ContactItem {
  registration: string;
  at: string;
  expiresAt?: number;
}

/**
 * A contact claimed by a registration that was never written (a crash between the two writes) is
 * free again after this long; younger, it is a registration being written right now.
 */
const CLAIM_IN_FLIGHT_MS = 60_000;

/** Derived from the source, so that a repeated call, text or form makes the same registration. */
function registrationId(sourceKey: string): string {
  return createHash('sha256').update(`enlace/registration/v1\0${sourceKey}`).digest('hex').slice(0, 24);
}

export class DynamoRegistrationStore implements RegistrationStore {
  constructor(private readonly options: DynamoRegistrationStoreOptions) {}

  async create(input: NewRegistration): Promise<CreatedRegistration> {
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
      ...(input.intakeId ? { intakeId: input.intakeId } : {}),
    });
    const { vault } = this.options;
    const phoneHash = input.phone ? await vault.fingerprint(input.phone) : undefined;
    const emailHash = input.email ? await vault.fingerprint(`email:${input.email.toLowerCase()}`) : undefined;
    // Not confirmed, it does not stand: it goes the retention period after it was made (its claims too).
    const expiry = input.active ? {} : { expiresAt: expiryAfter(at, this.options.retentionDays) };
    const contacts = [...(phoneHash ? [{ kind: 'phone' as const, hash: phoneHash }] : []), ...(emailHash ? [{ kind: 'email' as const, hash: emailHash }] : [])];
    // One contact, the usual case: claimed at once (a contact new to the case costs one write); read only if it is taken.
    const claimedAtOnce = contacts.length === 1 && (await this.claimContact(input.caseNumber, contacts[0]!.hash, id, at, expiry, undefined, false));
    if (!claimedAtOnce) {
      // Read first, claim after: a registration refused for its e-mail address leaves no claim on its number.
      const claims = await Promise.all(contacts.map(async (contact) => ({ ...contact, held: await this.contactHolder(input.caseNumber, contact.hash, id) })));
      const taken = claims.find((claim) => claim.held?.registration);
      if (taken) return { registration: RegistrationSchema.parse(taken.held!.registration), created: false, alreadyRegistered: taken.kind };
      for (const claim of claims) await this.claimContact(input.caseNumber, claim.hash, id, at, expiry, claim.held?.previous);
    }
    const item: RegistrationItem = {
      ...registration,
      ...expiry,
      sourceKey: input.sourceKey,
      ...(input.phone ? { phoneCipher: await vault.seal(input.phone, { ...keys.registration(input.caseNumber, id), field: 'phone' }), phoneHash } : {}),
      ...(input.email ? { emailCipher: await vault.seal(input.email, { ...keys.registration(input.caseNumber, id), field: 'email' }), emailHash } : {}),
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
      ...(item.phoneCipher ? { phone: (await vault.open(item.phoneCipher, { ...keys.registration(caseNumber, id), field: 'phone' })) as E164 } : {}),
      ...(item.emailCipher ? { email: await vault.open(item.emailCipher, { ...keys.registration(caseNumber, id), field: 'email' }) } : {}),
    };
  }

  async activate(caseNumber: CaseNumber, id: string): Promise<Registration | undefined> {
    const item = await this.update(caseNumber, id, 'SET #status = :active, confirmedAt = :now REMOVE expiresAt', '#status = :pending', { ':active': 'active', ':pending': 'pending' });
    if (item) await this.expireContacts(item, undefined);
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
    // Its pointer and its contacts' claims go with it (and the contact is free at once: see contactHolder).
    if (item) await this.expireContacts(item, expiresAt);
    if (item?.phoneHash) await this.settleOptOut(item.phoneHash);
    return item && RegistrationSchema.parse(item);
  }

  /** The registrant pointer and the contact claims take their registration's expiry (none: it stands). */
  private async expireContacts(item: RegistrationItem, expiresAt: number | undefined): Promise<void> {
    for (const hash of [item.phoneHash, item.emailHash]) if (hash) await this.expireClaim(item.caseNumber, hash, item.id, expiresAt);
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

  /**
   * Who has a contact in a case: a live registration (pending or active, not this one), or nobody,
   * with the claim to take over (`previous`) when a withdrawn or never-written registration left one.
   */
  private async contactHolder(caseNumber: CaseNumber, hash: string, id: string): Promise<{ registration?: RegistrationItem; previous?: string } | undefined> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: keys.caseContact(caseNumber, hash), ConsistentRead: true }),
    );
    const claim = Item as ContactItem | undefined;
    if (!claim || claim.registration === id) return undefined;
    const holder = await this.item(caseNumber, claim.registration);
    if (holder && holder.status !== 'withdrawn') return { registration: holder };
    if (!holder && Date.parse(claim.at) > this.options.clock().getTime() - CLAIM_IN_FLIGHT_MS) {
      throw new ForbiddenChangeError({ code: 'case.contactBusy' });
    }
    return { previous: claim.registration };
  }

  /** Claims a contact for a registration, on condition that the claim is still as read (two registrations at once: one wins). */
  private async claimContact(caseNumber: CaseNumber, hash: string, id: string, at: string, expiry: { expiresAt?: number }, previous: string | undefined, refuse = true): Promise<boolean> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...keys.caseContact(caseNumber, hash), registration: id, at, ...expiry } satisfies ContactItem & Record<string, unknown>,
          ConditionExpression: previous ? '#holder = :previous' : 'attribute_not_exists(pk) OR #holder = :id',
          ExpressionAttributeNames: { '#holder': 'registration' },
          ExpressionAttributeValues: previous ? { ':previous': previous } : { ':id': id },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (!refuse) return false;
      throw new ForbiddenChangeError({ code: 'case.contactBusy' });
    }
  }

  private async expireClaim(caseNumber: CaseNumber, hash: string, id: string, expiresAt: number | undefined): Promise<void> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.caseContact(caseNumber, hash),
          UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :expiresAt',
          ConditionExpression: '#holder = :id',
          ExpressionAttributeNames: { '#holder': 'registration' },
          ExpressionAttributeValues: { ...(expiresAt === undefined ? {} : { ':expiresAt': expiresAt }), ':id': id },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
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
