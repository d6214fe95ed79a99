/** Batch limits shared by the content script (no zod there) and the worker's parser. */
export const MAX_BATCH_SAMPLES = 600;
export const MAX_BATCH_EVENTS = 600;
/** Longest CMCD header payload the worker forwards and the content script accepts (real ones are < 300). */
export const MAX_CMCD_HEADER_CHARS = 1024;
