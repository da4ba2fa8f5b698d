import { hoursFromEnvironment } from '../../shared/adapters/aws/hours-environment';
import { intakeStore } from '../../shared/adapters/aws/stores/intakes';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createCallIntakeHandler({
  ...observability(),
  store: intakeStore(table),
  registrations: registrationStore(table),
  texters: texterStore(table),
  hours: hoursFromEnvironment(),
  clock: systemClock,
});
