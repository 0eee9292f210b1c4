import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * The Lambda-side schemas (configuration, requests) use zod/mini: the same zod 4 as `zod` (same parser,
 * same issues, types inferred alike) with functional checks instead of methods, so that a bundle carries
 * only what it uses (the classic API adds ~70 KB to every bundle that imports it).
 *
 * zod/mini loads no locale: every message would be "Invalid input". English gives the same default messages
 * as classic zod ("Invalid input: expected number, received string"), which the API returns to clients.
 * Imported for this side effect by every module that builds such schemas.
 */
config(en());
