import type { StaffGroup, StaffMember } from '../domain/permissions';

/**
 * Who works which queues, for assigning an intake to a named colleague. It lists the staff whose
 * signed-in token carried the group lately: the same groups the API's permission checks read, so
 * someone listed for a category can open what they are given.
 */
export interface StaffDirectory {
  /** Records that a staff member works now, in the groups their token carries. */
  seen(staff: StaffMember): Promise<void>;
  /** The usernames in a group, by name. */
  members(group: StaffGroup): Promise<string[]>;
}
