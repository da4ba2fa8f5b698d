import { createHash } from 'node:crypto';
import * as z from '../domain/schema';
import { parseOrThrow } from '../domain/errors';
import { assertAllowed, type StaffMember } from '../domain/permissions';
import { ActorIdSchema } from '../domain/timeline';
import type { AuditEvent } from '../ports/audit-log';
import type { ConsoleDeps } from './staff-console';

export const AUDIT_PAGE_SIZE = 50;

const AuditQuerySchema = z.object({
  actor: z.optional(ActorIdSchema),
  day: z.optional(z.iso.date()),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

/**
 * The audit log for supervisors: who did what to which intake, a day at a time and by person (a
 * query of one index partition, never a scan), newest first, a page at a time. Reading it is itself audited, once per
 * sign-in session and filter: a reload or the next page of the same filter records nothing more.
 */
export async function auditLog(staff: StaffMember, query: unknown, deps: ConsoleDeps): Promise<{ items: AuditEvent[]; cursor?: string; day: string; actor?: string }> {
  assertAllowed(staff, 'view_audit');
  const given = parseOrThrow(AuditQuerySchema, 'audit log request', query);
  // One day at a time: today (UTC) unless another is asked for.
  const filter = { day: given.day ?? deps.clock().toISOString().slice(0, 10), ...(given.actor ? { actor: given.actor } : {}) };
  const onceKey = createHash('sha256').update(JSON.stringify([staff.session ?? 'no-session', filter.actor ?? '', filter.day])).digest('base64url');
  await deps.audit.record({ actor: staff.username, action: 'view_audit_log', subject: { type: 'staff', id: staff.username }, after: filter }, { onceKey });
  const page = await deps.audit.list({ ...filter, limit: AUDIT_PAGE_SIZE, ...(given.cursor ? { cursor: given.cursor } : {}) });
  return { ...page, ...filter };
}
