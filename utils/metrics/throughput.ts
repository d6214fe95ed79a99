/**
 * Throughput of media requests from Resource Timing entries (the ThroughputMeter helpers). A request's
 * time is the whole fetch, startTime → responseEnd: the only span every host exposes, so numbers compare
 * across hosts with and without Timing-Allow-Origin. All times are in the entries' clock (performance ms).
 */

/** The fields of a PerformanceResourceTiming this needs. */
export interface TimingEntry {
  name: string;
  startTime: number;
  requestStart?: number;
  responseStart: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
}

export interface RequestThroughput {
  /** Bytes on the wire (transferSize), else the body size where only that is exposed. */
  bytes: number;
  durationMs: number;
  /** Null for cache hits, empty or unmeasurable requests. */
  kbps: number | null;
  /** False when the host hides sizes (cross-origin without Timing-Allow-Origin): bytes is 0, not small. */
  timed: boolean;
  /** Served from the browser cache: it says nothing about the network. */
  cached: boolean;
  start: number;
  end: number;
}

const MIN_DURATION_MS = 1;

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

export function requestThroughput(e: TimingEntry): RequestThroughput {
  const transfer = Math.max(0, finite(e.transferSize));
  const body = Math.max(0, finite(e.encodedBodySize));
  const start = finite(e.startTime);
  const end = Math.max(start, finite(e.responseEnd));
  const timed = transfer > 0 || body > 0;
  // A body but nothing transferred, with response timing visible (so not hidden by the host): the cache.
  const cached = transfer === 0 && body > 0 && finite(e.responseStart) > 0;
  const bytes = transfer > 0 ? transfer : body;
  const durationMs = end - start;
  const kbps =
    timed && !cached && bytes > 0 && durationMs >= MIN_DURATION_MS ? (bytes * 8) / durationMs : null;
  return { bytes, durationMs, kbps, timed, cached, start, end };
}

/**
 * Network throughput over [from, to]: bits of the measurable requests, pro-rated to the part of each
 * that falls inside, over the time inside at least one of them was in flight. Idle time (a full buffer)
 * does not dilute it. Null when no measurable request overlaps.
 */
export function intervalKbps(
  requests: readonly RequestThroughput[],
  from: number,
  to: number,
): number | null {
  const spans: Array<[number, number]> = [];
  let bits = 0;
  for (const r of requests) {
    if (r.kbps === null) continue;
    const a = Math.max(r.start, from);
    const b = Math.min(r.end, to);
    if (!(b > a)) continue;
    bits += (r.bytes * 8 * (b - a)) / r.durationMs;
    spans.push([a, b]);
  }
  const busy = unionLength(spans);
  return busy > 0 ? bits / busy : null;
}

function unionLength(spans: Array<[number, number]>): number {
  spans.sort((p, q) => p[0] - q[0]);
  let total = 0;
  let curA = Number.NEGATIVE_INFINITY;
  let curB = Number.NEGATIVE_INFINITY;
  for (const [a, b] of spans) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else {
      curB = Math.max(curB, b);
    }
  }
  if (curB > curA) total += curB - curA;
  return total;
}
