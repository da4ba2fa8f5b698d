import { inboundFailuresFromEnvironment } from '../../shared/adapters/aws/dead-letter-environment';
import { heldTextStore } from '../../shared/adapters/aws/stores/held';
import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { registrationOperations } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterOperations } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { appendIntakeEvent } from '../../shared/adapters/dynamodb/intakes/append-event';
import { createIntake, getIntake } from '../../shared/adapters/dynamodb/intakes/create';
import { reopenIntakeForFollowUp } from '../../shared/adapters/dynamodb/intakes/reopen';
import { recordFollowUp } from '../../shared/adapters/dynamodb/intakes/unread';
import { createRegistration } from '../../shared/adapters/dynamodb/registrations/create';
import { registrationsByPhone } from '../../shared/adapters/dynamodb/registrations/read';
import { activateRegistration, withdrawRegistration } from '../../shared/adapters/dynamodb/registrations/status';
import { loadTexter, saveTexter } from '../../shared/adapters/dynamodb/texters/conversation';
import { texterKeyOf } from '../../shared/adapters/dynamodb/texters/item';
import { TexterCache } from '../../shared/adapters/texter-cache';
import { systemClock } from '../../shared/ports/clock';
import { createSmsIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createSmsIntakeHandler({
  ...observability(),
  intakes: intakeOperations(table, { create: createIntake, get: getIntake, appendEvent: appendIntakeEvent, reopenForFollowUp: reopenIntakeForFollowUp, recordFollowUp }),
  // A texter's next text usually reaches the same warm function: it need not read the conversation again.
  // The conversation's reads and saves only: the outbox is the sender's.
  texters: new TexterCache(texterOperations(table, { load: loadTexter, save: saveTexter, keyOf: texterKeyOf })),
  // Registering by text, and a texter's YES, NO or STOP.
  registrations: registrationOperations(table, { create: createRegistration, activate: activateRegistration, withdraw: withdrawRegistration, byPhone: registrationsByPhone }),
  held: heldTextStore(table),
  clock: systemClock,
  failures: inboundFailuresFromEnvironment(table.kms),
});
