import { storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { TexterCache } from '../../shared/adapters/texter-cache';
import { systemClock } from '../../shared/ports/clock';
import { createSmsIntakeHandler } from './create-handler';

const { intakes, texters, registrations, held } = storesFromEnvironment(systemClock);

// A texter's next text usually reaches the same warm function: it need not read the conversation again.
export const handler = createSmsIntakeHandler({ ...observability(), intakes, texters: new TexterCache(texters), registrations, held, clock: systemClock });
