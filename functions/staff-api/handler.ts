import { storesFromEnvironment } from '../../shared/adapters/aws/stores/all';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createStaffApiHandler } from './create-handler';

export const handler = createStaffApiHandler({ ...observability(), ...storesFromEnvironment(systemClock), clock: systemClock });
