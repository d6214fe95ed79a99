/**
 * zod/mini for the content script, which runs on every video page and must stay small. Same parser
 * core and the same global config as utils/schema/zod.ts: jitless, because extension CSP forbids
 * `new Function`.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
