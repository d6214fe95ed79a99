/**
 * Limits shared by the evidence pages and the popup. Kept free of zod and the schemas, so the popup can
 * check a selection against them without bundling either.
 */

/** Most sessions an evidence page accepts by id in its query string (`sessions=<id>,<id>…`). */
export const MAX_IDS = 500;
