/**
 * The popup, over the real store on fake-indexeddb with a disk that stays full: after the resends of
 * several playing tabs, it says storage is full and what to do, and once the user deletes a session
 * recording resumes and the note no longer says "full".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/popup/app';
import {
  deleteAll,
  deleteSession,
  listSessions,
  recordBatch,
  StorageFullError,
  storageStatus,
} from '@/utils/db';
import { answerHistoryLikeTheWorker, byId, mount, sample, session, T0 } from './fixtures';

const realPut = IDBObjectStore.prototype.put;

function fillDisk() {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'sampleChunks')
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return realPut.apply(this, args);
  };
}

const batchOf = (id: string, startedAt: number, from: number) => {
  const { agg: _agg, ...meta } = session(id, { startedAt });
  return {
    session: meta,
    samples: Array.from({ length: 3 }, (_, s) => sample(id, from + s, { t: startedAt + (from + s) * 1000 })),
    events: [],
  };
};

beforeEach(() => {
  fakeBrowser.reset();
  answerHistoryLikeTheWorker();
});
afterEach(async () => {
  IDBObjectStore.prototype.put = realPut;
  await deleteAll();
});

describe('popup, storage full', () => {
  it('says storage is full and what to do, while resends fail fast; a deletion lets recording resume', async () => {
    for (let i = 0; i < 10; i++)
      await recordBatch(batchOf(`old-session-${i}`, T0 - (30 - i) * 86_400_000, 0));
    fillDisk();
    // Five playing tabs resend every 3 s for 30 s.
    for (let round = 0; round < 10; round++) {
      for (let tab = 0; tab < 5; tab++) {
        await expect(recordBatch(batchOf(`live-session-${tab}`, T0, 0))).rejects.toBeInstanceOf(
          StorageFullError,
        );
      }
    }
    expect((await listSessions()).sessions).toHaveLength(10);

    const el = mount(<App />);
    await vi.waitFor(() => expect(byId(el, 'storage-status')?.dataset.state).toBe('full'));
    const note = byId(el, 'storage-status');
    expect(note?.getAttribute('role')).toBe('alert');
    expect(note?.textContent).toContain('Storage is full.');
    expect(note?.textContent).toContain('New playback is not being saved');
    expect(note?.textContent).toContain('Delete this session');
    expect(note?.textContent).toContain('free disk space');

    // The user deletes an old session: space is freed, the next resend is stored.
    IDBObjectStore.prototype.put = realPut;
    await deleteSession('old-session-0');
    await recordBatch(batchOf('live-session-0', T0, 0));
    expect((await storageStatus())?.state).toBe('pruned');
  });
});
