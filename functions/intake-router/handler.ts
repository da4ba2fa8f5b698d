import { intakeStoreFromEnvironment, taskRouterFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createRouterHandler } from './create-handler';

export const handler = createRouterHandler({
  ...observability(),
  store: intakeStoreFromEnvironment(),
  router: taskRouterFromEnvironment(),
  clock: systemClock,
});
