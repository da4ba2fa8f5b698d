import { noticeQueuesFromEnvironment, storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createFanOutHandler } from './create-handler';

const { registrations, events } = storesFromEnvironment(systemClock);

export const handler = createFanOutHandler({ ...observability(), clock: systemClock, registrations, events, ...noticeQueuesFromEnvironment() });
