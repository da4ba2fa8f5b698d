import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './client';
import type { Clock } from '../../ports/clock';
import type { AuditEvent, AuditLog } from '../../ports/audit-log';
import { keys } from './keys';

export interface DynamoAuditLogOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
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

  async record(input: Omit<AuditEvent, 'id' | 'at'>): Promise<AuditEvent> {
    const now = this.options.clock();
    const event: AuditEvent = { ...input, id: randomUUID(), at: now.toISOString() };
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          ...keys.audit(event.subject.type, event.subject.id, event.at, event.id),
          ...event,
          expiresAt: Math.floor(now.getTime() / 1000) + this.options.retentionDays * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return event;
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

function auditEventOf(item: AuditEvent, subject: AuditEvent['subject']): AuditEvent {
  const { id, at, actor, action, before, after } = item;
  return { id, at, actor, action, subject, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
