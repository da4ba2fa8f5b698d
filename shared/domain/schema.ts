/**
 * The one door to zod for everything a Lambda function bundles: `zod/mini`, zod's functional API,
 * whose unused parts tree-shake away (classic zod's methods cannot: its whole API is built at
 * load). https://zod.dev/packages/mini
 *
 * zod/mini loads no locale, so every message would read "Invalid input"; classic zod sets the
 * English one on first use. Setting it here, before any schema of ours exists, keeps every
 * message staff and API clients read exactly as classic zod wrote them.
 * https://zod.dev/error-customization#internationalization
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
