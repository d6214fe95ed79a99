/** Batch limits shared by the content script (no zod there) and the worker's parser. */
export const MAX_BATCH_SAMPLES = 600;
export const MAX_BATCH_EVENTS = 600;
