import type { AuditLog } from '../../../ports/audit-log';
import type { Clock } from '../../../ports/clock';
import type { HeldTextStore } from '../../../ports/held-texts';
import type { IntakeStore } from '../../../ports/intake-store';
import type { TexterStore } from '../../../ports/texter-store';
import type { CustodyEventStore, RegistrationStore } from '../../../ports/victim-notices';
import type { StaffDirectory } from '../../../ports/staff-directory';
import { auditLog } from './audit';
import { staffDirectory } from './directory';
import { custodyEventStore } from './events';
import { heldTextStore } from './held';
import { intakeStore } from './intakes';
import { registrationStore } from './registrations';
import { tableFromEnvironment } from './table';
import { texterStore } from './texters';

export interface Stores {
  intakes: IntakeStore;
  texters: TexterStore;
  audit: AuditLog;
  registrations: RegistrationStore;
  events: CustodyEventStore;
  held: HeldTextStore;
  directory: StaffDirectory;
}

/** Every store on one table, whole (tests; each function builds only the stores and operations it calls). */
export function storesFromEnvironment(clock: Clock, env: NodeJS.ProcessEnv = process.env): Stores {
  const table = tableFromEnvironment(clock, env);
  return {
    intakes: intakeStore(table),
    texters: texterStore(table),
    audit: auditLog(table),
    registrations: registrationStore(table),
    events: custodyEventStore(table),
    held: heldTextStore(table),
    directory: staffDirectory(table),
  };
}
