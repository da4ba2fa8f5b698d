import { auditLog } from '../../shared/adapters/aws/stores/audit';
import { staffDirectory } from '../../shared/adapters/aws/stores/directory';
import { custodyEventOperations } from '../../shared/adapters/aws/stores/events';
import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { registrationOperations } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterOperations } from '../../shared/adapters/aws/stores/texters';
import { deliveryCounts, listCustodyEvents, recordCustodyEvent } from '../../shared/adapters/dynamodb/custody-event-store';
import { appendIntakeEvent } from '../../shared/adapters/dynamodb/intakes/append-event';
import { createIntake, getIntake } from '../../shared/adapters/dynamodb/intakes/create';
import { markSeen } from '../../shared/adapters/dynamodb/intakes/unread';
import {
  assignIntake,
  countQueue,
  dailyCounts,
  findIntakesByPhone,
  intakeTimeline,
  listQueue,
  revealIntakePhone,
  transferIntake,
  unroutedSummary,
  updateIntakeStatus,
} from '../../shared/adapters/dynamodb/intakes/staff';
import { createRegistration } from '../../shared/adapters/dynamodb/registrations/create';
import { listRegistrationsByCase } from '../../shared/adapters/dynamodb/registrations/read';
import { withdrawRegistration } from '../../shared/adapters/dynamodb/registrations/status';
import { loadTexter, saveTexter } from '../../shared/adapters/dynamodb/texters/conversation';
import { queueText } from '../../shared/adapters/dynamodb/texters/outbox';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createStaffApiHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

// The stores the console's requests use (ConsoleDeps), and of the registrations and texters only
// what staff do: no routing to Connect or wait of calls (StaffIntakes), no held texts (sms-intake's),
// no sending of texts (sms-sender's), no activating (the registrant's YES), none of the fan-out
// or delivery of notices (issue 18).
export const handler = createStaffApiHandler({
  ...observability(),
  intakes: intakeOperations(table, {
    create: createIntake,
    get: getIntake,
    appendEvent: appendIntakeEvent,
    findByPhone: findIntakesByPhone,
    listQueue,
    countQueue,
    dailyCounts,
    unroutedSummary,
    timeline: intakeTimeline,
    updateStatus: updateIntakeStatus,
    assign: assignIntake,
    transfer: transferIntake,
    revealPhone: revealIntakePhone,
    markSeen,
  }),
  texters: texterOperations(table, { load: loadTexter, save: saveTexter, queueText }),
  audit: auditLog(table),
  registrations: registrationOperations(table, { create: createRegistration, withdraw: withdrawRegistration, listByCase: listRegistrationsByCase }),
  events: custodyEventOperations(table, { record: recordCustodyEvent, listByCase: listCustodyEvents, deliveryCounts }),
  directory: staffDirectory(table),
  clock: systemClock,
});
