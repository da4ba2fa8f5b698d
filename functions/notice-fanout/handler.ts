import { noticeQueuesFromEnvironment, storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createFanOutHandler } from './create-handler';

export const handler = createFanOutHandler({ ...observability(), registrations: storesFromEnvironment(systemClock).registrations, ...noticeQueuesFromEnvironment() });
