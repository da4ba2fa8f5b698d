import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ForbiddenChangeError, parseOrThrow } from '../../../domain/errors';
import { RegistrationSchema, maskEmail, type CaseNumber } from '../../../domain/notifications';
import { expiryAfter } from '../../../domain/retention';
import type { CreatedRegistration, NewRegistration } from '../../../ports/victim-notices';
import { isConditionalCheckFailed } from '../client';
import { keys } from '../keys';
import { getRegistrationItem, settleOptOut, type DynamoRegistrationStoreOptions, type RegistrationItem } from './item';

/** A case's claim on one contact: which registration has it, since when. */
interface ContactItem {
  registration: string;
  at: string;
  expiresAt?: number;
  /** Set with the expiry when its registration is withdrawn (status.ts expireContacts); a new claim replaces it. */
  withdrawn?: true;
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

export async function createRegistration(options: DynamoRegistrationStoreOptions, input: NewRegistration): Promise<CreatedRegistration> {
  const id = registrationId(input.sourceKey);
  const at = options.clock().toISOString();
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
  const { vault } = options;
  const phoneHash = input.phone ? await vault.fingerprint(input.phone) : undefined;
  const emailHash = input.email ? await vault.fingerprint(`email:${input.email.toLowerCase()}`) : undefined;
  // Not confirmed, it does not stand: it goes the retention period after it was made (its claims too).
  const expiry = input.active ? {} : { expiresAt: expiryAfter(at, options.retentionDays) };
  const contacts = [...(phoneHash ? [{ kind: 'phone' as const, hash: phoneHash }] : []), ...(emailHash ? [{ kind: 'email' as const, hash: emailHash }] : [])];
  // One contact, the usual case: claimed at once (a contact new to the case costs one write); read only if it is taken.
  const claimedAtOnce = contacts.length === 1 && (await claimContact(options, input.caseNumber, contacts[0]!.hash, id, at, expiry, undefined, false));
  if (!claimedAtOnce) {
    // Read first, claim after: a registration refused for its e-mail address leaves no claim on its number.
    const claims = await Promise.all(contacts.map(async (contact) => ({ ...contact, held: await contactHolder(options, input.caseNumber, contact.hash, id) })));
    const taken = claims.find((claim) => claim.held?.registration);
    if (taken) return { registration: RegistrationSchema.parse(taken.held!.registration), created: false, alreadyRegistered: taken.kind };
    // A claim this registration holds already (the same source again) is left as it is: see the pointer below.
    for (const claim of claims) if (!claim.held?.mine) await claimContact(options, input.caseNumber, claim.hash, id, at, expiry, claim.held?.previous);
  }
  const item: RegistrationItem = {
    ...registration,
    ...expiry,
    sourceKey: input.sourceKey,
    ...(input.phone ? { phoneCipher: await vault.seal(input.phone, { ...keys.registration(input.caseNumber, id), field: 'phone' }), phoneHash } : {}),
    ...(input.email ? { emailCipher: await vault.seal(input.email, { ...keys.registration(input.caseNumber, id), field: 'email' }), emailHash } : {}),
    ...(input.audit ? { audit: { ...input.audit, after: { ...input.audit.after, registration: id }, id: `register#${id}`, at, actor: input.createdBy } } : {}),
  };
  // The pointer first: without its registration it points at nothing, and is harmless. Written
  // once: the same source again (a form sent twice, a text redelivered) may come after the
  // registration was activated or withdrawn, whose pointer and claim carry its expiry now (status.ts);
  // before, they were written again with the new registration's expiry. A crash before the
  // registration's write left them as this writes them.
  if (phoneHash) {
    await options.client
      .send(new PutCommand({ TableName: options.tableName, Item: { ...keys.registrant(phoneHash, input.caseNumber, id), ...expiry }, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
  }
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...keys.registration(input.caseNumber, id), ...item },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (input.active && phoneHash && registration.channels.includes('sms')) await settleOptOut(options, phoneHash);
    return { registration, created: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { registration: RegistrationSchema.parse(await getRegistrationItem(options, input.caseNumber, id)), created: false };
  }
}

/**
 * Who has a contact in a case: a live registration (pending or active, not this one), this one
 * (`mine`), or nobody, with the claim to take over (`previous`) when a withdrawn or never-written
 * registration left one.
 */
async function contactHolder(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, hash: string, id: string): Promise<{ registration?: RegistrationItem; previous?: string; mine?: true } | undefined> {
  const { Item } = await options.client.send(new GetCommand({ TableName: options.tableName, Key: keys.caseContact(caseNumber, hash), ConsistentRead: true }));
  const claim = Item as ContactItem | undefined;
  if (!claim) return undefined;
  if (claim.registration === id) return { mine: true };
  const holder = await getRegistrationItem(options, caseNumber, claim.registration);
  if (holder && holder.status !== 'withdrawn') return { registration: holder };
  if (!holder && Date.parse(claim.at) > options.clock().getTime() - CLAIM_IN_FLIGHT_MS) {
    throw new ForbiddenChangeError({ code: 'case.contactBusy' });
  }
  return { previous: claim.registration };
}

/** Claims a contact for a registration, on condition that the claim is still as read (two registrations at once: one wins; none: it is new). */
async function claimContact(
  options: DynamoRegistrationStoreOptions,
  caseNumber: CaseNumber,
  hash: string,
  id: string,
  at: string,
  expiry: { expiresAt?: number },
  previous: string | undefined,
  refuse = true,
): Promise<boolean> {
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...keys.caseContact(caseNumber, hash), registration: id, at, ...expiry } satisfies ContactItem & Record<string, unknown>,
        ...(previous
          ? { ConditionExpression: '#holder = :previous', ExpressionAttributeNames: { '#holder': 'registration' }, ExpressionAttributeValues: { ':previous': previous } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    if (!refuse) return false;
    // The same registration claimed it meanwhile (the same form sent twice at once): it stands.
    if ((await contactHolder(options, caseNumber, hash, id))?.mine) return true;
    throw new ForbiddenChangeError({ code: 'case.contactBusy' });
  }
}
