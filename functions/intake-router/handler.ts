import { intakeStore } from '../../shared/adapters/aws/stores/intakes';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { taskRouterFromEnvironment } from '../../shared/adapters/aws/task-router-environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createRouterHandler } from './create-handler';

export const handler = createRouterHandler({
  ...observability(),
  store: intakeStore(tableFromEnvironment(systemClock)),
  router: taskRouterFromEnvironment(systemClock),
  clock: systemClock,
});
