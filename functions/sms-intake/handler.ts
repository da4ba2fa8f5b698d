import { inboundFailuresFromEnvironment } from '../../shared/adapters/aws/dead-letter-environment';
import { heldTextStore } from '../../shared/adapters/aws/stores/held';
import { intakeStore } from '../../shared/adapters/aws/stores/intakes';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { TexterCache } from '../../shared/adapters/texter-cache';
import { systemClock } from '../../shared/ports/clock';
import { createSmsIntakeHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createSmsIntakeHandler({
  ...observability(),
  intakes: intakeStore(table),
  // A texter's next text usually reaches the same warm function: it need not read the conversation again.
  texters: new TexterCache(texterStore(table)),
  registrations: registrationStore(table),
  held: heldTextStore(table),
  clock: systemClock,
  failures: inboundFailuresFromEnvironment(),
});
