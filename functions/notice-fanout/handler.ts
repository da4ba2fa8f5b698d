import { noticeQueuesFromEnvironment } from '../../shared/adapters/aws/notice-environment';
import { custodyEventStore } from '../../shared/adapters/aws/stores/events';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createFanOutHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createFanOutHandler({
  ...observability(),
  clock: systemClock,
  registrations: registrationStore(table),
  events: custodyEventStore(table),
  ...noticeQueuesFromEnvironment(),
});
