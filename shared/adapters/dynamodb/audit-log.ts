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
 * The audit trail, in the table. Events are only ever put, under a new key and on condition that
 * none is there; the API's role is denied updating or deleting them (see the staff-api grants).
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
    for await (const item of items) {
      const { id, at, actor, action, before, after } = item as unknown as AuditEvent;
      events.push({ id, at, actor, action, subject, ...(before ? { before } : {}), ...(after ? { after } : {}) });
    }
    return events;
  }
}
