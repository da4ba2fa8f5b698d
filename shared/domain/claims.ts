import type { Intake } from './intake';
import { isSupervisor, type StaffMember } from './permissions';
import { INTAKE_STATUSES, canTransition, type IntakeStatus } from './status';

/**
 * A claim means something: once an intake is claimed (in progress, with a claimant), only the
 * claimant or a supervisor moves it on. Claiming and releasing are actions of their own, not
 * status changes: a status change never claims (new -> in progress) or releases (back to new).
 */
export function holdsClaim(intake: Pick<Intake, 'status' | 'claimedBy'>, staff: StaffMember): boolean {
  return intake.status !== 'in_progress' || !intake.claimedBy || intake.claimedBy === staff.username || isSupervisor(staff);
}

/** The statuses a status change may move this intake to, for this staff member. */
export function statusChoices(intake: Pick<Intake, 'status' | 'claimedBy'>, staff: StaffMember): IntakeStatus[] {
  if (intake.status === 'new' || !holdsClaim(intake, staff)) return [];
  const role = isSupervisor(staff) ? 'supervisor' : 'staff';
  return INTAKE_STATUSES.filter((to) => to !== 'new' && canTransition(intake.status, to, role));
}

/** Whether this staff member may give the claim up (back to the queue, as `new`). */
export function mayRelease(intake: Pick<Intake, 'status' | 'claimedBy'>, staff: StaffMember): boolean {
  return intake.status === 'in_progress' && holdsClaim(intake, staff);
}
