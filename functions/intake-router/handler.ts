import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { countReceived, listDueForRouting, markRouted, recordRoutingFailure } from '../../shared/adapters/dynamodb/intakes/routing';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { taskRouterFromEnvironment } from '../../shared/adapters/aws/task-router-environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createRouterHandler } from './create-handler';

export const handler = createRouterHandler({
  ...observability(),
  store: intakeOperations(tableFromEnvironment(systemClock), { countReceived, listDueForRouting, markRouted, recordRoutingFailure }),
  router: taskRouterFromEnvironment(systemClock),
  clock: systemClock,
});
