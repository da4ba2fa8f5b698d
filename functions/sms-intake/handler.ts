import { inboundFailuresFromEnvironment } from '../../shared/adapters/aws/dead-letter-environment';
import { heldTextStore } from '../../shared/adapters/aws/stores/held';
import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { appendIntakeEvent } from '../../shared/adapters/dynamodb/intakes/append-event';
import { createIntake, getIntake } from '../../shared/adapters/dynamodb/intakes/create';
import { reopenIntakeForFollowUp } from '../../shared/adapters/dynamodb/intakes/reopen';
import { recordFollowUp } from '../../shared/adapters/dynamodb/intakes/unread';
import { TexterCache } from '../../shared/adapters/texter-cache';
import { systemClock } from '../../shared/ports/clock';
import { createSmsIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createSmsIntakeHandler({
  ...observability(),
  intakes: intakeOperations(table, { create: createIntake, get: getIntake, appendEvent: appendIntakeEvent, reopenForFollowUp: reopenIntakeForFollowUp, recordFollowUp }),
  // A texter's next text usually reaches the same warm function: it need not read the conversation again.
  texters: new TexterCache(texterStore(table)),
  registrations: registrationStore(table),
  held: heldTextStore(table),
  clock: systemClock,
  failures: inboundFailuresFromEnvironment(),
});
