/**
 * Raw samples are kept for the user's retention setting (default 180 days); summaries and stalls stay
 * until the user deletes them. Pruning runs at most once a day, on the first batch after that, and
 * remembers when it ran in storage.local so a restarted worker does not run it again.
 */
import { historyStore } from '@/utils/db';
import { readSettings } from '@/utils/settings/store';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function retentionDays(): Promise<number> {
  return (await readSettings()).settings.sampleRetentionDays;
}

/** Returns the number of samples pruned, or null when it was not yet due. */
export async function maybeRunRetention(now: number, store = historyStore): Promise<number | null> {
  const { lastRetentionAt } = await browser.storage.local.get('lastRetentionAt');
  if (typeof lastRetentionAt === 'number' && now - lastRetentionAt < DAY_MS) return null;
  await browser.storage.local.set({ lastRetentionAt: now });
  const days = await retentionDays();
  const r = await store.pruneSamples({ olderThanMs: days * DAY_MS, now });
  return r.prunedSamples;
}
