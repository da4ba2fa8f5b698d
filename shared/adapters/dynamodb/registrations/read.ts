import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RegistrationSchema, type CaseNumber, type Registration } from '../../../domain/notifications';
import type { E164 } from '../../../domain/phone';
import type { Page } from '../../../ports/intake-store';
import { decodeCursor, encodeCursor } from '../cursor';
import { keys } from '../keys';
import { getRegistrationItem, type DynamoRegistrationStoreOptions, type RegistrationItem } from './item';

export async function listRegistrationsByCase(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, cursor?: string, limit = 100): Promise<Page<Registration>> {
  const partition = keys.casePartition(caseNumber);
  const result = await options.client.send(
    new QueryCommand({
      TableName: options.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.registrationPrefix },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { attribute: 'pk', value: partition }, ['pk', 'sk']),
    }),
  );
  const next = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []).map((item) => RegistrationSchema.parse(item)), ...(next ? { cursor: next } : {}) };
}

export async function registrationWithContact(options: DynamoRegistrationStoreOptions, caseNumber: CaseNumber, id: string) {
  const item = await getRegistrationItem(options, caseNumber, id);
  if (!item) return undefined;
  const { vault } = options;
  return {
    registration: RegistrationSchema.parse(item),
    ...(item.phoneCipher ? { phone: (await vault.open(item.phoneCipher, { ...keys.registration(caseNumber, id), field: 'phone' })) as E164 } : {}),
    ...(item.emailCipher ? { email: await vault.open(item.emailCipher, { ...keys.registration(caseNumber, id), field: 'email' }) } : {}),
  };
}

export async function registrationsByPhone(options: DynamoRegistrationStoreOptions, phone: E164): Promise<Registration[]> {
  const hash = await options.vault.fingerprint(phone);
  const pointers = await options.client.send(
    new QueryCommand({
      TableName: options.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.registrantPartition(hash) },
    }),
  );
  const found = await Promise.all(
    (pointers.Items ?? []).map((pointer) => {
      const [, caseNumber, id] = (pointer.sk as string).split('#') as [string, string, string];
      return getRegistrationItem(options, caseNumber, id);
    }),
  );
  return found.filter((item): item is RegistrationItem => item !== undefined).map((item) => RegistrationSchema.parse(item));
}
