import { ForbiddenChangeError } from './errors';

export const INTAKE_STATUSES = ['new', 'in_progress', 'referred', 'resolved'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];


/** Who is acting. Supervisors may do everything staff may, and more. */
export type Role = 'staff' | 'supervisor';

/**
 * Every allowed status change and the least role that may make it. A change that is not in
 * this table is refused.
 */
export const STATUS_TRANSITIONS: Readonly<Record<IntakeStatus, Partial<Record<IntakeStatus, Role>>>> = {
  new: { in_progress: 'staff' },
  // Back to `new` puts a claimed intake back in the queue for someone else.
  in_progress: { new: 'staff', resolved: 'staff', referred: 'staff' },
  // Reopening a closed intake is a supervisor's decision.
  resolved: { in_progress: 'supervisor' },
  referred: { in_progress: 'supervisor' },
};

export const CLOSED_STATUSES: ReadonlySet<IntakeStatus> = new Set(['resolved', 'referred']);

export function canTransition(from: IntakeStatus, to: IntakeStatus, role: Role): boolean {
  const needed = STATUS_TRANSITIONS[from][to];
  return needed !== undefined && (needed === role || role === 'supervisor');
}

export function assertTransition(from: IntakeStatus, to: IntakeStatus, role: Role): void {
  if (canTransition(from, to, role)) return;
  const needed = STATUS_TRANSITIONS[from][to];
  if (needed) {
    throw new ForbiddenChangeError({
      code: 'status.needsRole',
      facts: { role: needed, from, to },
    });
  }
  const next = Object.keys(STATUS_TRANSITIONS[from]) as IntakeStatus[];
  throw new ForbiddenChangeError({
    code: 'status.cannotMove',
    facts: { from, to, allowed: next },
  });
}
