import { storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createSmsIntakeHandler } from './create-handler';

const { intakes, texters, registrations } = storesFromEnvironment();

export const handler = createSmsIntakeHandler({ ...observability(), intakes, texters, registrations, clock: systemClock });
