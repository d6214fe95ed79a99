/**
 * The popup's live sparkline: [wall ms, kbps | null, stalled 0/1] points, oldest first. Each live
 * snapshot carries only the content script's newest few points, because handing the extension API a
 * minute of them every two seconds was the content script's largest cost; the worker keeps the window.
 */
export type SparkPoint = [t: number, kbps: number | null, stalled: number];

/** Points the popup shows (one a second). */
export const SPARK_WINDOW = 60;
/** Points each snapshot carries: enough that one lost or overtaken snapshot leaves no gap. */
export const SPARK_TAIL = 4;

/**
 * The kept window with the snapshot's newer points added; points at or before the newest kept one
 * were already seen, so a snapshot delivered twice or late changes nothing.
 */
export function mergeSpark(
  kept: readonly SparkPoint[],
  recent: readonly SparkPoint[],
  max = SPARK_WINDOW,
): SparkPoint[] {
  const last = kept.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
  const merged = [...kept, ...recent.filter(([t]) => t > last)];
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
