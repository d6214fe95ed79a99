/**
 * Prime time against the rest of the day, per service, on each session's own wall clock. Netflix's ISP
 * Speed Index calls the busiest evening hours prime time; a line that is fine off-peak and poor at prime
 * time is congested, which is a different complaint from a service being singled out.
 */
import { localHour, type Point } from './history';
import { median } from './stats';
import { type WeheOptions, type WeheResult, weheTest } from './wehe';

/** Local hours [fromHour, toHour); wraps past midnight when fromHour > toHour. */
export interface PrimeWindow {
  fromHour: number;
  toHour: number;
}

/** 19:00–22:59 local time. */
export const PRIME_TIME: PrimeWindow = { fromHour: 19, toHour: 23 };

export function isPrimeTime(t: number, tzOffsetMin: number, w: PrimeWindow = PRIME_TIME): boolean {
  const h = localHour(t, tzOffsetMin);
  return w.fromHour <= w.toHour ? h >= w.fromHour && h < w.toHour : h >= w.fromHour || h < w.toHour;
}

export interface PeriodStats {
  throughput: { n: number; medianKbps: number | null };
  bitrate: {
    n: number;
    medianKbps: number | null;
    /** Median achieved bitrate / best offered (the service's highest bitrate seen): 0–1. */
    share: number | null;
  };
}

export interface PrimeTimeSplit {
  window: PrimeWindow;
  prime: PeriodStats;
  offPeak: PeriodStats;
  /** Wehe's test of prime-time throughput (side 1) against off-peak (side 2). */
  test: WeheResult;
}

function stats(
  throughput: readonly Point[],
  bitrate: readonly Point[],
  bestKbps: number | null,
): PeriodStats {
  const br = median(bitrate.map((p) => p.v));
  return {
    throughput: { n: throughput.length, medianKbps: median(throughput.map((p) => p.v)) },
    bitrate: {
      n: bitrate.length,
      medianKbps: br,
      share: br !== null && bestKbps !== null && bestKbps > 0 ? br / bestKbps : null,
    },
  };
}

export function primeTimeSplit(
  throughput: readonly Point[],
  bitrate: readonly Point[],
  bestKbps: number | null,
  window: PrimeWindow = PRIME_TIME,
  wehe: WeheOptions = {},
): PrimeTimeSplit {
  const prime = (p: Point) => isPrimeTime(p.t, p.tz, window);
  const tpPrime = throughput.filter(prime);
  const tpOff = throughput.filter((p) => !prime(p));
  return {
    window,
    prime: stats(tpPrime, bitrate.filter(prime), bestKbps),
    offPeak: stats(
      tpOff,
      bitrate.filter((p) => !prime(p)),
      bestKbps,
    ),
    test: weheTest(
      tpPrime.map((p) => p.v),
      tpOff.map((p) => p.v),
      wehe,
    ),
  };
}
