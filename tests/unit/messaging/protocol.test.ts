/**
 * The protocol as the pages meet it: each client call's type is the reply the worker's handler returns
 * (no casts), every request has a handler and a guard, and a long session crosses in parts small enough
 * for one message each, joined back whole.
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { deleteAll, recordBatch, type SessionDetail, type SessionPage } from '@/utils/db';
import { createHistoryClient } from '@/utils/messaging/history-client';
import type { PageReplies, PageType } from '@/utils/messaging/protocol';
import { joinParts, PART_RECORDS, partOf } from '@/utils/messaging/session-parts';
import { readTabMessage } from '@/utils/messaging/tab-messages';
import { PageRequest } from '@/utils/messaging/worker-protocol';
import { sample, session, stallEvent } from '../components/fixtures';

const extensionPage = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/report.html') });
const client = () => {
  const sent: string[] = [];
  const c = createHistoryClient(async (m) => {
    sent.push(m.type);
    const answer = await route(m, extensionPage() as never);
    // What crosses between contexts is a copy: measure it as JSON, as Chrome serialises it.
    bytes.push(JSON.stringify(answer).length);
    return answer;
  });
  return { c, sent };
};
let bytes: number[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  bytes = [];
});
afterEach(() => deleteAll());

describe('typed protocol', () => {
  it('types each call by its reply', () => {
    const c = createHistoryClient(async () => undefined);
    expectTypeOf(c.listSessions).returns.resolves.toEqualTypeOf<SessionPage>();
    expectTypeOf(c.getSession).returns.resolves.toEqualTypeOf<SessionDetail | null>();
    expectTypeOf(c.deleteHost).returns.resolves.toEqualTypeOf<number>();
    expectTypeOf(c.deleteAll).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<PageReplies['deleteSession']>().toEqualTypeOf<boolean>();
  });

  it('has a request schema for every reply and no other', () => {
    const types = PageRequest.options.map((o) => o.shape.type.value).sort();
    const replies: Record<PageType, true> = {
      getLive: true,
      status: true,
      listSessions: true,
      getSession: true,
      getSessionPart: true,
      liveSessionOfTab: true,
      storeStatus: true,
      deleteSession: true,
      deleteHost: true,
      deleteAll: true,
      compareServices: true,
    };
    expect(types).toEqual(Object.keys(replies).sort());
  });

  it('sends a long session in parts of at most PART_RECORDS records and joins them whole', async () => {
    const id = 'long-session-1';
    const { agg: _agg, ...meta } = session(id);
    const n = Math.round(PART_RECORDS * 2.5);
    for (let from = 0; from < n; from += 600) {
      const seqs = Array.from({ length: Math.min(600, n - from) }, (_, i) => from + i);
      await recordBatch({
        session: meta,
        samples: seqs.map((s) => sample(id, s, { t: meta.startedAt + s * 1000 })),
        events: from === 0 ? [stallEvent(id, 5, meta.startedAt + 5000, 1200)] : [],
      });
    }
    const { c, sent } = client();
    const got = await c.getSession(id);
    expect(got?.samples.map((s) => s.seq)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(got?.events.map((e) => e.kind)).toEqual(['stall']);
    expect(sent).toEqual(['getSession', 'getSessionPart', 'getSessionPart']);
    const perSample = (bytes[0] as number) / PART_RECORDS;
    // ~200 bytes of JSON a sample: a part stays near 4 MB, far under Chrome's 64 MiB message cap.
    expect(perSample).toBeLessThan(300);
    expect(Math.max(...bytes)).toBeLessThan(8 * 1024 * 1024);
    console.info(`session parts: ${n} samples in ${bytes.length} messages of ${bytes.join(', ')} bytes`);
  });

  it('takes a part in seq order across samples and events, never skipping one', async () => {
    const { agg: _a, ...meta } = session('parts-session-1');
    const detail: SessionDetail = {
      session: { ...session('parts-session-1'), ...meta },
      samples: [0, 2, 4, 6, 8].map((s) => sample('parts-session-1', s)),
      events: [1, 3, 9].map((s) => stallEvent('parts-session-1', s, 1000 + s, 100)),
    };
    const joined = await joinParts(partOf(detail, null, 3), async (after) => partOf(detail, after, 3));
    expect(joined).toEqual(detail);
    expect(partOf(detail, null, 3)).toMatchObject({ next: { samples: 2, events: 1 } });
    expect(await joinParts(partOf(detail, null, 3), async () => null)).toBeNull();
  });

  it('reads only the worker’s messages a tab knows', () => {
    expect(readTabMessage({ type: 'contentPing', extra: 1 })).toEqual({ type: 'contentPing' });
    expect(readTabMessage({ type: 'cmcdHeaders', payload: 7 })).toBeNull();
    expect(readTabMessage({ type: 'recordBatch' })).toBeNull();
  });
});
