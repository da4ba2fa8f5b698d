import { hoursFromEnvironment } from '../../shared/adapters/aws/hours-environment';
import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { appendIntakeEvent } from '../../shared/adapters/dynamodb/intakes/append-event';
import { createIntake, getIntake } from '../../shared/adapters/dynamodb/intakes/create';
import { registrationOperations } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterOperations } from '../../shared/adapters/aws/stores/texters';
import { createRegistration } from '../../shared/adapters/dynamodb/registrations/create';
import { loadTexter, saveTexter } from '../../shared/adapters/dynamodb/texters/conversation';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createCallIntakeHandler({
  ...observability(),
  store: intakeOperations(table, { create: createIntake, get: getIntake, appendEvent: appendIntakeEvent }),
  // A call registers for notices and texts the question to confirm: nothing else of either store.
  registrations: registrationOperations(table, { create: createRegistration }),
  texters: texterOperations(table, { load: loadTexter, save: saveTexter }),
  hours: hoursFromEnvironment(),
  clock: systemClock,
});
