import { storesFromEnvironment, taskRouterFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createRouterHandler } from './create-handler';

export const handler = createRouterHandler({
  ...observability(),
  store: storesFromEnvironment(systemClock).intakes,
  router: taskRouterFromEnvironment(systemClock),
  clock: systemClock,
});
