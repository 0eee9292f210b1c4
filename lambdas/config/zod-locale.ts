import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * The Lambda-side schemas (configuration, requests) use zod/mini: the same zod 4 as `zod` (same parser,
 * same issues, types inferred alike) with functional checks instead of methods, so that a bundle carries
 * only what it uses (the classic API adds ~70 KB to every bundle that imports it). Every module that builds
 * such schemas imports this one for its side effect.
 *
 * - English: zod/mini loads no locale, so every message would be "Invalid input". English gives the same
 *   default messages as classic zod ("Invalid input: expected number, received string"), which the API
 *   returns to clients.
 * - jitless: by default zod compiles a parser for each object schema (`new Function`) on its first parse,
 *   which pays off after thousands of parses. A Lambda container parses its configuration once, at init,
 *   and a request schema a few times; interpreting is cheaper there (bench:cold).
 */
config({ ...en(), jitless: true });
