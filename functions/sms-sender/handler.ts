import { smsSenderFromEnvironment, storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createSenderHandler } from './create-handler';

export const handler = createSenderHandler({
  ...observability(),
  texters: storesFromEnvironment(systemClock).texters,
  sender: smsSenderFromEnvironment(),
  clock: systemClock,
});
