/**
 * Raw samples are kept for the user's retention setting (default 180 days); summaries and stalls stay
 * until the user deletes them. Pruning runs at most once a day, on the first batch after that, and
 * remembers when it last succeeded in storage.local so a restarted worker does not run it again; a run
 * that fails or is cut short (the worker stopped) is not stamped, so the next batch tries again.
 */
import { historyStore } from '@/utils/db';
import { readSettings } from '@/utils/settings/store';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function retentionDays(): Promise<number> {
  return (await readSettings()).settings.sampleRetentionDays;
}

type RetentionStore = Pick<typeof historyStore, 'pruneSamples'>;

/** The run in progress: batches arriving meanwhile wait for it instead of starting another. */
let running: Promise<number | null> | null = null;

/** Returns the number of samples pruned, or null when it was not yet due (or another run was going). */
export function maybeRunRetention(now: number, store: RetentionStore = historyStore): Promise<number | null> {
  if (running)
    return running.then(
      () => null,
      () => null,
    );
  const run = (async () => {
    const { lastRetentionAt } = await browser.storage.local.get('lastRetentionAt');
    if (typeof lastRetentionAt === 'number' && now - lastRetentionAt < DAY_MS) return null;
    const days = await retentionDays();
    const r = await store.pruneSamples({ olderThanMs: days * DAY_MS, now });
    await browser.storage.local.set({ lastRetentionAt: now });
    return r.prunedSamples;
  })();
  running = run;
  const done = () => {
    if (running === run) running = null;
  };
  run.then(done, done);
  return run;
}
