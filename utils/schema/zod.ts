/**
 * The one place zod is imported by product code. Extension CSP forbids `new Function`, which zod v4
 * uses to compile parsers; `jitless` must be set before any schema is built, so every schema module
 * imports `z` from here rather than from 'zod'.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
