import { hoursFromEnvironment, storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallIntakeHandler } from './create-handler';

const { intakes, registrations, texters } = storesFromEnvironment(systemClock);

export const handler = createCallIntakeHandler({
  ...observability(),
  store: intakes,
  registrations,
  texters,
  hours: hoursFromEnvironment(),
  clock: systemClock,
});
