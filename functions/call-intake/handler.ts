import { hoursFromEnvironment } from '../../shared/adapters/aws/hours-environment';
import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { appendIntakeEvent } from '../../shared/adapters/dynamodb/intakes/append-event';
import { createIntake, getIntake } from '../../shared/adapters/dynamodb/intakes/create';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createCallIntakeHandler({
  ...observability(),
  store: intakeOperations(table, { create: createIntake, get: getIntake, appendEvent: appendIntakeEvent }),
  registrations: registrationStore(table),
  texters: texterStore(table),
  hours: hoursFromEnvironment(),
  clock: systemClock,
});
