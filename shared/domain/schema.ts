/**
 * The one door to zod for everything a Lambda function bundles: `zod/mini`, zod's functional API,
 * whose unused parts tree-shake away (classic zod's methods cannot: its whole API is built at
 * load). https://zod.dev/packages/mini
 *
 * zod/mini loads no locale, so every message would read "Invalid input"; classic zod sets the
 * English one on first use. Setting it here, before any schema of ours exists, keeps every
 * message staff and API clients read exactly as classic zod wrote them.
 * https://zod.dev/error-customization#internationalization
 *
 * The larger schemas that only some invocations parse (an intake, its timeline, a registration, a
 * texter) are wrapped in `z.lazy`: each is built on its first parse instead of at module load, so
 * a cold start builds only the schemas its first request needs, and a bundle that never refers
 * to one leaves it out (`z.lazy` is marked free of side effects). Building them all at load cost
 * sms-intake's init about 6 to 15 ms (issue 18: per-module load times, and `npm run bench`).
 * (`$ZodLazy` in zod/v4/core/schemas.js calls the getter on first parse and keeps its result.)
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
