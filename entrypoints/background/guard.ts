/**
 * What one tab may cost the worker. A page can make its content script send as fast as it likes
 * (forged media events, the probe channel), and every batch is a database transaction: so each tab
 * has a token bucket for batches and one for its other requests, and at most NEW_SESSIONS_PER_MINUTE
 * new sessions a minute. Live snapshots are not refused but coalesced (live.ts). In memory: a worker
 * that Chrome stopped had been idle 30 s, and a full bucket is what an idle tab has earned anyway.
 * Refusals are counted (storage.session, at most one write a second) and reported to extension pages.
 */
import type { BucketSpec } from '@/utils/messaging/token-bucket';
import { TokenBucket } from '@/utils/messaging/token-bucket';
import { forgetTabStarts } from './owners';

/** A tab plays a few sessions, each flushing every 3 s: bursts (page hide, worker restart) fit in 30. */
export const BATCH_BUCKET: BucketSpec = { capacity: 30, perSecond: 5 };
/** startTracker (a script injection) and watchStatus: a handful per page. */
export const OTHER_BUCKET: BucketSpec = { capacity: 10, perSecond: 1 };
/** Sessions a tab may start in a minute: ads, previews and short clips included. */
export const NEW_SESSIONS_PER_MINUTE = 20;

export type RefusalReason = 'foreignWriter' | 'newSessions' | 'rate';
export const REFUSAL_ERRORS: Record<RefusalReason, string> = {
  foreignWriter: 'session belongs to another tab or frame',
  newSessions: 'too many new sessions from this tab; try again in a minute',
  rate: 'too many messages from this tab; try again later',
};

const COUNTS_KEY = 'guard:refused';
const counts: Record<RefusalReason, number> = { foreignWriter: 0, newSessions: 0, rate: 0 };
let countsLoaded: Promise<void> | null = null;
let saving = false;

interface TabBuckets {
  batch: TokenBucket;
  other: TokenBucket;
}
const tabs = new Map<number, TabBuckets>();

/** Takes a token for a message of `kind` from `tabId` at `now`; false: refuse it. */
export function allow(tabId: number, kind: keyof TabBuckets, now: number): boolean {
  let b = tabs.get(tabId);
  if (!b) {
    b = { batch: new TokenBucket(BATCH_BUCKET, now), other: new TokenBucket(OTHER_BUCKET, now) };
    tabs.set(tabId, b);
  }
  return b[kind].take(now);
}

export function forgetTab(tabId: number): void {
  tabs.delete(tabId);
  forgetTabStarts(tabId);
}

function loadCounts(): Promise<void> {
  countsLoaded ??= browser.storage.session.get(COUNTS_KEY).then(
    (got) => {
      const saved = got[COUNTS_KEY] as Partial<Record<RefusalReason, unknown>> | undefined;
      for (const k of Object.keys(counts) as RefusalReason[]) {
        const n = saved?.[k];
        if (typeof n === 'number' && Number.isInteger(n) && n > 0) counts[k] += n;
      }
    },
    () => undefined,
  );
  return countsLoaded;
}

/** Counts a refusal and returns the answer for it. */
export function refuse(reason: RefusalReason): { ok: false; error: string } {
  counts[reason]++;
  if (saving) return { ok: false, error: REFUSAL_ERRORS[reason] };
  saving = true;
  setTimeout(() => {
    saving = false;
    void loadCounts()
      .then(() => browser.storage.session.set({ [COUNTS_KEY]: { ...counts } }))
      .catch(() => undefined);
  }, 1000);
  return { ok: false, error: REFUSAL_ERRORS[reason] };
}

/** Refusals since the browser started (this worker's and its predecessors'). */
export async function refusalCounts(): Promise<Record<RefusalReason, number>> {
  await loadCounts();
  return { ...counts };
}
