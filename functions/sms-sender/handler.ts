import { smsSenderFromEnvironment } from '../../shared/adapters/aws/sms-environment';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createSenderHandler } from './create-handler';

export const handler = createSenderHandler({
  ...observability(),
  texters: texterStore(tableFromEnvironment(systemClock)),
  sender: smsSenderFromEnvironment(),
  clock: systemClock,
});
