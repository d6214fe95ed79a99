/** Comparison limits the popup needs without bundling the analysis itself. */

/** What the popup compares: the last 30 days. */
export const COMPARE_DAYS = 30;
/** Newest sessions read at most: a month of evenings is far fewer; the cap keeps the worker responsive. */
export const MAX_COMPARE_SESSIONS = 300;
