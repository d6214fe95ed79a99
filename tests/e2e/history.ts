/** Reading what the extension stored, for comparison with what the player saw. */
import { expect } from '@playwright/test';
import type { ExtensionHandle, StoredHistory } from './extension';

export type StoredSession = StoredHistory['sessions'][number];
export type StoredEvent = StoredHistory['events'][number];

/** Waits until the content script's outbox has delivered (it flushes every 3 s) and returns the history. */
export async function settledHistory(
  extension: ExtensionHandle,
  ready: (h: StoredHistory) => boolean,
  timeout = 15_000,
): Promise<StoredHistory> {
  let last: StoredHistory | null = null;
  await expect
    .poll(
      async () => {
        last = await extension.history();
        return ready(last);
      },
      { timeout, intervals: [500] },
    )
    .toBe(true);
  return last as unknown as StoredHistory;
}

export function eventsOf(h: StoredHistory, sid: string, kind: string): StoredEvent[] {
  return h.events.filter((e) => e.sid === sid && e.kind === kind).sort((a, b) => a.seq - b.seq);
}
