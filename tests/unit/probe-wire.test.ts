/**
 * The page → content wire: what the probe's batcher writes, the content script's zod parser accepts,
 * and what a hostile page forges, it rejects. Batches go out BATCH_MS after their first record, or at
 * once when a list is full.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseProbeBatch } from '@/utils/messaging/page-protocol';
import {
  BATCH_MS,
  MAX_BATCH_BUFFERS,
  MAX_BATCH_CHARS,
  MAX_BATCH_OPS,
  MAX_BATCH_SOURCES,
  MAX_MIME_CHARS,
  MAX_URL_CHARS,
  OP_APPEND,
  OP_REMOVE,
  ProbeBatcher,
} from '@/utils/messaging/probe-wire';

function batcher(now = () => 0) {
  const sent: string[] = [];
  return { out: new ProbeBatcher((json) => sent.push(json), now), sent };
}

describe('ProbeBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one batch BATCH_MS after the first record, holding everything recorded until then', () => {
    let now = 1_000;
    const { out, sent } = batcher(() => now);
    out.source(1, 'blob:https://site.example/a');
    out.buffer(1, 2, 'video/mp4;codecs="avc1.640015"');
    out.append(2, 250_000, 0, 2);
    now = 1_120;
    out.remove(2, 0, 1);
    vi.advanceTimersByTime(BATCH_MS - 1);
    expect(sent).toHaveLength(0);
    now = 1_200;
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);
    expect(parseProbeBatch(sent[0])).toEqual([
      [[1, 'blob:https://site.example/a']],
      [[1, 2, 'video/mp4;codecs="avc1.640015"']],
      [
        [OP_APPEND, 2, 250_000, 0, 2, 200],
        [OP_REMOVE, 2, 0, 0, 1, 80],
      ],
    ]);
    // Nothing new, nothing sent.
    vi.advanceTimersByTime(10 * BATCH_MS);
    expect(sent).toHaveLength(1);
  });

  it('sends at once when a list is full', () => {
    const { out, sent } = batcher();
    for (let i = 0; i < MAX_BATCH_OPS; i++) out.append(2, 1000, i, i + 1);
    expect(sent).toHaveLength(1);
    for (let i = 0; i < MAX_BATCH_SOURCES; i++) out.source(i, `blob:https://site.example/${i}`);
    expect(sent).toHaveLength(2);
    for (let i = 0; i < MAX_BATCH_BUFFERS; i++) out.buffer(1, i, 'audio/mp4');
    expect(sent).toHaveLength(3);
    expect(sent.every((s) => parseProbeBatch(s) !== null)).toBe(true);
  });

  it('leaves out a URL the parser would refuse, and cuts a long mime type', () => {
    const { out, sent } = batcher();
    out.source(1, `blob:https://${'a'.repeat(MAX_URL_CHARS)}`);
    out.buffer(1, 2, `video/mp4;${'x'.repeat(1000)}`);
    out.flush();
    const batch = parseProbeBatch(sent[0]);
    expect(batch?.[0]).toEqual([]);
    expect(batch?.[1][0]?.[2]).toHaveLength(MAX_MIME_CHARS);
  });

  it('keeps a batch full of the longest strings and numbers under the size cap', () => {
    const { out, sent } = batcher(() => 0.123456789);
    const quote = '"'.repeat(MAX_MIME_CHARS);
    for (let i = 0; i < MAX_BATCH_SOURCES - 1; i++)
      out.source(999_999, `blob:${'u'.repeat(MAX_URL_CHARS - 5)}`);
    for (let i = 0; i < MAX_BATCH_BUFFERS - 1; i++) out.buffer(999_999, 999_999, quote);
    for (let i = 0; i < MAX_BATCH_OPS - 1; i++)
      out.append(999_999, 268_435_455, 1234.5678901234567, 9999.123456789011);
    out.flush();
    expect(sent[0]?.length).toBeLessThanOrEqual(MAX_BATCH_CHARS);
    expect(parseProbeBatch(sent[0])).not.toBeNull();
  });
});

describe('parseProbeBatch: the page is hostile', () => {
  const ok = '[[[1,"blob:https://s.example/a"]],[[1,2,"video/mp4"]],[[0,2,100,0,2,5]]]';
  it('accepts a well-formed batch', () => {
    expect(parseProbeBatch(ok)).not.toBeNull();
  });
  it.each([
    ['not a string', 42],
    ['not JSON', 'not json'],
    ['over the size cap', `[[],[],[]]${' '.repeat(MAX_BATCH_CHARS)}`],
    ['an object', '{"k":"ap","sb":2,"bytes":100,"start":0,"end":2}'],
    ['a missing list', '[[],[]]'],
    ['an extra list', '[[],[],[],[]]'],
    ['negative bytes', '[[],[],[[0,2,-5,0,2,0]]]'],
    ['absurd bytes', '[[],[],[[0,2,1e308,0,2,0]]]'],
    ['fractional bytes', '[[],[],[[0,2,1.5,0,2,0]]]'],
    ['a string for a number', '[[],[],[[0,2,100,"NaN",2,0]]]'],
    ['an unknown op', '[[],[],[[7,2,100,0,2,0]]]'],
    ['a span ending before it starts', '[[],[],[[0,2,100,5,1,0]]]'],
    ['media time past the cap', '[[],[],[[1,2,0,0,1e9,0]]]'],
    ['a short op', '[[],[],[[0,2,100,0]]]'],
    ['a non-blob URL', '[[[1,"javascript:alert(1)"]],[],[]]'],
    ['a huge id', '[[[1e12,"blob:x"]],[],[]]'],
    [
      'too many ops',
      `[[],[],[${Array(MAX_BATCH_OPS + 1)
        .fill('[0,2,1,0,1,0]')
        .join(',')}]]`,
    ],
  ])('rejects %s', (_what, detail) => {
    expect(parseProbeBatch(detail)).toBeNull();
  });
});
