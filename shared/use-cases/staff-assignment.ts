import * as z from '../domain/schema';
import { ForbiddenChangeError, InvalidInputError, parseOrThrow } from '../domain/errors';
import { allowed, type StaffMember } from '../domain/permissions';
import { QueueKeySchema, parseQueueKey } from '../domain/queues';
import { ActorIdSchema, ReasonSchema } from '../domain/timeline';
import type { Category } from '../domain/taxonomy';
import { intakeFor, listItem, type ConsoleDeps, type IntakeListItem } from './staff-console';

/** The colleagues who may work a category's intakes: its staff, and supervisors. */
async function colleaguesFor(category: Category, deps: ConsoleDeps): Promise<string[]> {
  const [staff, supervisors] = await Promise.all([deps.directory.members(category), deps.directory.members('supervisor')]);
  return [...new Set([...staff, ...supervisors])].sort();
}

/** Whom a supervisor may give an intake to. */
export async function assignees(staff: StaffMember, id: string, deps: ConsoleDeps): Promise<{ assignees: string[] }> {
  const intake = await intakeFor(staff, id, 'assign', deps);
  return { assignees: await colleaguesFor(intake.category, deps) };
}

const AssignSchema = z.object({ assignee: ActorIdSchema, reason: ReasonSchema, version: z.number().check(z.int(), z.positive()) });

/** A supervisor gives an open intake to a named colleague of its category: in progress, claimed by them. */
export async function assignIntake(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<IntakeListItem> {
  const { assignee, reason, version } = parseOrThrow(AssignSchema, 'assignment', body);
  const intake = await intakeFor(staff, id, 'assign', deps);
  if (!(await colleaguesFor(intake.category, deps)).includes(assignee)) {
    throw InvalidInputError.ofField('assignment', 'assignee', { code: 'assign.notColleague', facts: { assignee, category: intake.category } });
  }
  if (intake.status === 'in_progress' && intake.claimedBy === assignee) throw new ForbiddenChangeError({ code: 'assign.alreadyAssigned', facts: { id, assignee } });
  const assigned = await deps.intakes.assign(id, {
    assignee,
    reason,
    expectedVersion: version,
    actor: staff.username,
    audit: { action: 'assign', before: { status: intake.status, claimedBy: intake.claimedBy }, after: { status: 'in_progress', claimedBy: assignee, reason } },
  });
  return listItem(assigned, staff);
}

const TransferSchema = z.object({ to: QueueKeySchema, reason: ReasonSchema, version: z.number().check(z.int(), z.positive()) });

/**
 * Staff of its category (or a supervisor) move a misrouted open intake to another category or
 * language: it leaves the old queue, waits as new in the new one, and gets a Connect task there.
 */
export async function transferIntake(staff: StaffMember, id: string, body: unknown, deps: ConsoleDeps): Promise<{ intake: IntakeListItem; canStillOpen: boolean }> {
  const { to, reason, version } = parseOrThrow(TransferSchema, 'move', body);
  const intake = await intakeFor(staff, id, 'transfer', deps);
  // Only tips can be anonymous (NewIntakeSchema): an anonymous tip keeps its category.
  if (intake.anonymous && parseQueueKey(to).category !== 'tip') throw new ForbiddenChangeError({ code: 'move.anonymousStaysTip' });
  const moved = await deps.intakes.transfer(id, {
    to,
    reason,
    expectedVersion: version,
    actor: staff.username,
    audit: { action: 'transfer', before: { queue: intake.queueKey, status: intake.status, claimedBy: intake.claimedBy }, after: { queue: to, status: 'new', reason } },
  });
  return { intake: listItem(moved, staff), canStillOpen: allowed(staff, 'view_intake', moved.category) };
}
