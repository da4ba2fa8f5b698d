import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, queryAll, type TableAccess } from './client';
import type { AuditEvent, AuditLog, AuditQuery } from '../../ports/audit-log';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

export interface DynamoAuditLogOptions extends TableAccess {
  /** Days audit events are kept. */
  retentionDays: number;
}

/**
 * The audit trail, in the table. What staff saw is put under a new key, on condition that none is
 * there; the API's role is denied every other write of those items (see the staff-api grants).
 * What staff changed is audited in the change's own write (ChangeAudit), so the two cannot come
 * apart: this log reads those from the subject's partition.
 */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly options: DynamoAuditLogOptions) {}

  async record(input: Omit<AuditEvent, 'id' | 'at'>, options: { onceKey?: string } = {}): Promise<AuditEvent> {
    const now = this.options.clock();
    const event: AuditEvent = { ...input, id: randomUUID(), at: now.toISOString() };
    const key = options.onceKey ? keys.auditOnce(event.subject.type, event.subject.id, options.onceKey) : keys.audit(event.subject.type, event.subject.id, event.at, event.id);
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...key,
            ...event,
            ...keys.auditIndex(event.at, event.id),
            expiresAt: Math.floor(now.getTime() / 1000) + this.options.retentionDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Recorded once already under this key: the first event stands.
      if (!options.onceKey || !isConditionalCheckFailed(error)) throw error;
    }
    return event;
  }

  async list(query: AuditQuery): Promise<{ items: AuditEvent[]; cursor?: string }> {
    const index = TABLE_SCHEMA.indexes.byAuditDay;
    const partition = keys.auditDayPartition(query.day);
    // A person: a filter on the day's partition (one partition read; `Limit` counts before the
    // filter, so a page may be short and still have a cursor:
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html).
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(query.actor ? { FilterExpression: '#actor = :actor' } : {}),
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...(query.actor ? { '#actor': 'actor' } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(query.actor ? { ':actor': query.actor } : {}) },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, { attribute: index.partitionKey, value: partition }, [TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey, index.partitionKey, index.sortKey]),
      }),
    );
    const cursor = encodeCursor(result.LastEvaluatedKey);
    return { items: (result.Items ?? []).map(indexedEvent), ...(cursor ? { cursor } : {}) };
  }

  async forSubject(subject: AuditEvent['subject']): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    const items = queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(subject.type, subject.id) },
    });
    for await (const item of items) events.push(auditEventOf(item as unknown as AuditEvent, subject));
    // The audit events that travel with the subject's changes (a note, a status change, a custody event), in its own partition.
    const own = queryAll(this.options.client, {
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_exists(audit) OR attribute_exists(changes)',
      ExpressionAttributeValues: { ':pk': subject.type === 'intake' ? keys.intake(subject.id).pk : keys.casePartition(subject.id) },
    });
    for await (const item of own) {
      const carried = [item.audit, ...((item.changes as { audit?: unknown }[] | undefined) ?? []).map((change) => change.audit)];
      for (const audit of carried) if (audit) events.push(auditEventOf(audit as AuditEvent, subject));
    }
    return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }
}

/** An audit event as the indexes hold it: recorded on its own, or carried by a timeline event (a note, a reply). */
function indexedEvent(item: Record<string, unknown>): AuditEvent {
  if (item.audit && typeof item.intakeId === 'string') return auditEventOf(item.audit as AuditEvent, { type: 'intake', id: item.intakeId });
  return auditEventOf(item as unknown as AuditEvent, (item as unknown as AuditEvent).subject);
}

function auditEventOf(item: AuditEvent, subject: AuditEvent['subject']): AuditEvent {
  const { id, at, actor, action, before, after } = item;
  return { id, at, actor, action, subject, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
