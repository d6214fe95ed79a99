/**
 * Which CMCD payloads become stored events. A player sends CMCD with every request (two a second with
 * audio), and most of it repeats: keep the first of each object type, every change of the bitrate keys or of which keys are sent,
 * every buffer starvation, and otherwise one every LOG_EVERY_MS, so a CMCD session stays within the
 * store's per-hour budget. Pure: the caller keeps the returned state.
 */
import type { Cmcd } from '../analysis/cmcd';
import type { CmcdEvent } from '../schema/playback';

export type CmcdKeys = Omit<CmcdEvent, 'sid' | 'seq' | 't' | 'mt' | 'kind'>;

export const LOG_EVERY_MS = 30_000;
const INT_KEYS = ['br', 'bl', 'mtp', 'tb', 'd'] as const;

/** The measurement keys of a parsed payload (ids and URLs are dropped); null when none is left. */
export function cmcdKeys(c: Cmcd | null): CmcdKeys | null {
  if (!c) return null;
  const out: CmcdKeys = {};
  for (const k of INT_KEYS) {
    const v = c[k];
    if (v !== undefined) out[k] = v;
  }
  if (c.bs !== undefined) out.bs = c.bs;
  if (c.ot !== undefined) out.ot = c.ot;
  if (c.st !== undefined) out.st = c.st;
  if (c.sf !== undefined) out.sf = c.sf;
  if (c.pr !== undefined) out.pr = c.pr;
  return Object.keys(out).length > 0 ? out : null;
}

/** Last logged payload per object type. */
export type CmcdLogState = ReadonlyMap<string, { t: number; br?: number; tb?: number; names: string }>;

export function shouldLogCmcd(
  state: CmcdLogState,
  keys: CmcdKeys,
  t: number,
): { log: boolean; state: CmcdLogState } {
  const type = keys.ot ?? '';
  const last = state.get(type);
  const names = Object.keys(keys).sort().join();
  const log =
    !last ||
    keys.bs === true ||
    names !== last.names ||
    keys.br !== last.br ||
    keys.tb !== last.tb ||
    t - last.t >= LOG_EVERY_MS ||
    t < last.t;
  if (!log) return { log, state };
  const next = new Map(state);
  next.set(type, { t, br: keys.br, tb: keys.tb, names });
  return { log, state: next };
}
