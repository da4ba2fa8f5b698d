/** Something a staff member did or saw, kept for good measure and beyond the API's reach. */
export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  /** view_intake, view_contact, claim, add_note, change_status, reply, ... */
  action: string;
  subject: { type: 'intake' | 'case' | 'staff'; id: string };
  /** The fields the action changed, before and after (never personal data itself). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * The audit event of a change, carried by the item the change writes (a note, a status change):
 * the change and its audit event are one write, so a crash cannot keep one without the other.
 */
export type ChangeAudit = Pick<AuditEvent, 'action' | 'before' | 'after'>;

/** The audit page's query: a day, and in it everyone or one person; newest first, a page at a time. */
export interface AuditQuery {
  /** A UTC day, YYYY-MM-DD. */
  day: string;
  actor?: string;
  cursor?: string;
  limit: number;
}

export interface AuditLog {
  /** With `onceKey`, a second event under the same key for the same subject records nothing. */
  record(event: Omit<AuditEvent, 'id' | 'at'>, options?: { onceKey?: string }): Promise<AuditEvent>;
  /** Audit events of a day (and a person), from the index (never a scan). */
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; cursor?: string }>;
  /** Every event about a subject, oldest first: those recorded here and those carried by its changes. */
  forSubject(subject: AuditEvent['subject']): Promise<AuditEvent[]>;
}
