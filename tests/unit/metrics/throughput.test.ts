import { describe, expect, it } from 'vitest';
import {
  intervalKbps,
  type RequestThroughput,
  requestThroughput,
  type TimingEntry,
} from '@/utils/metrics/throughput';

const entry = (e: Partial<TimingEntry>): TimingEntry => ({
  name: 'https://cdn.example/seg-1.m4s',
  startTime: 100,
  responseStart: 150,
  responseEnd: 1100,
  transferSize: 1_000_000,
  encodedBodySize: 999_700,
  ...e,
});

describe('requestThroughput', () => {
  it.each<[string, Partial<TimingEntry>, Partial<RequestThroughput>]>([
    [
      'timing visible: wire bytes over the whole fetch',
      {},
      { bytes: 1_000_000, durationMs: 1000, kbps: 8000, timed: true, cached: false },
    ],
    [
      'host hides sizes (no Timing-Allow-Origin, no CORS body size)',
      { transferSize: 0, encodedBodySize: 0, responseStart: 0 },
      { bytes: 0, durationMs: 1000, kbps: null, timed: false, cached: false },
    ],
    [
      'CORS without Timing-Allow-Origin: the body size is all there is',
      { transferSize: 0, encodedBodySize: 500_000, responseStart: 0, responseEnd: 600 },
      { bytes: 500_000, durationMs: 500, kbps: 8000, timed: true, cached: false },
    ],
    [
      'served from the cache: says nothing about the network',
      { transferSize: 0, encodedBodySize: 500_000, responseEnd: 102 },
      { bytes: 500_000, kbps: null, timed: true, cached: true },
    ],
    ['zero-length fetch', { responseEnd: 100 }, { durationMs: 0, kbps: null }],
    ['responseEnd before startTime (bad entry)', { responseEnd: 50 }, { durationMs: 0, kbps: null }],
  ])('%s', (_name, e, expected) => {
    expect(requestThroughput(entry(e))).toMatchObject(expected);
  });
});

describe('intervalKbps', () => {
  // A: [0, 1000] 1 MB = 8000 kbps. B: [500, 1500] 500 kB = 4000 kbps.
  const a = requestThroughput(entry({ startTime: 0, responseEnd: 1000, transferSize: 1_000_000 }));
  const b = requestThroughput(entry({ startTime: 500, responseEnd: 1500, transferSize: 500_000 }));
  const hidden = requestThroughput(
    entry({ startTime: 0, responseEnd: 1000, transferSize: 0, encodedBodySize: 0 }),
  );

  it.each<[string, RequestThroughput[], number, number, number | null]>([
    ['one request inside', [a], 0, 1000, 8000],
    ['idle time after it does not dilute', [a], 0, 5000, 8000],
    ['half of a request falls inside', [b], 0, 1000, 4000],
    ['two overlapping: 8 Mbit + half of 4 Mbit over 1000 ms busy', [a, b], 0, 1000, 10_000],
    ['two overlapping, whole: 12 Mbit over 1500 ms busy', [a, b], 0, 2000, 8000],
    ['hidden requests are not measured', [hidden], 0, 1000, null],
    ['nothing in the interval', [a, b], 2000, 3000, null],
  ])('%s', (_name, reqs, from, to, expected) => {
    const kbps = intervalKbps(reqs, from, to);
    if (expected === null) expect(kbps).toBeNull();
    else expect(kbps).toBeCloseTo(expected, 9);
  });
});
