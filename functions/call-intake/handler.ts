import { hoursFromEnvironment, intakeStoreFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallIntakeHandler } from './create-handler';

export const handler = createCallIntakeHandler({
  ...observability(),
  store: intakeStoreFromEnvironment(),
  hours: hoursFromEnvironment(),
  clock: systemClock,
});
