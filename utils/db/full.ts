/**
 * What the store does when the disk is full. One pruning pass (the oldest sessions' raw samples, a tenth
 * of them), one retry; if that fails too, a "full" state in which writes fail at once, without touching
 * the disk or pruning more, until space is freed (the user deletes something) or FULL_RETRY_MS pass.
 * Then writes are tried again; raw samples are pruned for space at most once per PRUNE_INTERVAL_MS.
 * The state lives in `meta` and in memory: with the disk full, even the status write may fail.
 */
import { QuotaStatus } from './rows';
import type { WitnessDb } from './schema';

/** Share of all raw samples removed when storage is full, before the one retry. */
export const QUOTA_PRUNE_FRACTION = 0.1;
/** While full, how long writes fail at once before the disk is tried again. */
export const FULL_RETRY_MS = 5 * 60_000;
/** Raw samples are pruned for space at most this often, however long the disk stays full. */
export const PRUNE_INTERVAL_MS = 24 * 60 * 60_000;

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export const FULL_MESSAGE =
  'Storage is full: new playback is not being saved. Delete old sessions or free disk space; StreamWitness tries again every 5 minutes.';

export const prunedMessage = (sessions: number, samples: number) =>
  `Storage was full: removed the raw samples of the ${sessions} oldest session(s) (${samples} samples). Summaries and stalls are kept.`;

/** The last quota status, cached: `undefined` until read from the database once. */
export function createFullState() {
  let known: QuotaStatus | null | undefined;

  const read = async (db: WitnessDb): Promise<QuotaStatus | null> => {
    if (known === undefined) {
      const row = QuotaStatus.safeParse(await db.get('meta', 'quota'));
      known = row.success ? row.data : null;
    }
    return known;
  };

  return {
    read,
    /** Remembered at once; written best effort (a full disk may refuse even this small row). */
    async save(db: WitnessDb, status: QuotaStatus): Promise<void> {
      known = status;
      await db.put('meta', status).catch(() => undefined);
    },
    /** Remembers a status the caller wrote in its own transaction. */
    remember(status: QuotaStatus): void {
      known = status;
    },
    /** Whether a write at `now` should fail at once. */
    holding: (s: QuotaStatus | null, now: number): boolean =>
      s?.state === 'full' && s.retryAt !== undefined && now < s.retryAt,
    /** Whether a quota error at `now` may prune raw samples. */
    mayPrune: (s: QuotaStatus | null, now: number): boolean =>
      s === null || now - s.lastPrunedAt >= PRUNE_INTERVAL_MS,
    /** Space was freed (the user deleted something) or the user dismissed the note: try the disk next time. */
    async lift(db: WitnessDb, opts: { dismiss?: boolean } = {}): Promise<void> {
      const s = await read(db);
      if (!s) return;
      const next: QuotaStatus = { ...s, ...(s.state === 'full' ? { retryAt: 0 } : {}) };
      if (opts.dismiss) next.dismissed = true;
      known = next;
      await db.put('meta', next);
    },
    forget(): void {
      known = undefined;
    },
  };
}

/** The status after the full state: still says samples were pruned (and when), no longer holds writes. */
export function recovered(s: QuotaStatus): QuotaStatus {
  const { retryAt: _r, fullSince: _f, ...rest } = s;
  return { ...rest, state: 'pruned', message: prunedMessage(s.prunedSessions ?? 0, s.prunedSamples) };
}
