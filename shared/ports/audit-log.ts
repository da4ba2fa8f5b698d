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

export interface AuditLog {
  record(event: Omit<AuditEvent, 'id' | 'at'>): Promise<AuditEvent>;
  /** Every event about a subject, oldest first. */
  forSubject(subject: AuditEvent['subject']): Promise<AuditEvent[]>;
}
