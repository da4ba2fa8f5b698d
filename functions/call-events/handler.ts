import { intakeOperations } from '../../shared/adapters/aws/stores/intakes';
import { recordCallWait } from '../../shared/adapters/dynamodb/intakes/call-wait';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createCallEventsHandler } from './create-handler';

export const handler = createCallEventsHandler({ ...observability(), store: intakeOperations(tableFromEnvironment(systemClock), { recordCallWait }) });
