/**
 * A progressive file's size from its response headers: what the worker reads, what it sends to the
 * frame, and what the tracker accepts and divides by the duration.
 */
import { describe, expect, it } from 'vitest';
import { forwardMediaSize } from '@/entrypoints/background/media-size';
import { NetworkMeter } from '@/entrypoints/video-tracker/network';
import { type MediaSizeMessage, parseMediaSize, totalSizeOf } from '@/utils/messaging/media-size';

const h = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));

describe('totalSizeOf: the whole file from one response', () => {
  it.each<[string, number, Record<string, string>, number | null]>([
    [
      'a range answer',
      206,
      { 'Content-Range': 'bytes 0-65535/19887151', 'Content-Length': '65536' },
      19887151,
    ],
    ['a later range, lower-case header', 206, { 'content-range': 'bytes 1000-1999/5000' }, 5000],
    ['a range answer whose total is unknown', 206, { 'Content-Range': 'bytes 0-99/*' }, null],
    ['a range answer without Content-Range', 206, { 'Content-Length': '100' }, null],
    ['a full answer', 200, { 'Content-Length': '8421041' }, 8421041],
    [
      'a full answer, compressed (the length is not the file)',
      200,
      { 'Content-Length': '10', 'Content-Encoding': 'gzip' },
      null,
    ],
    ['a full answer without a length (chunked)', 200, {}, null],
    ['an absurd length', 200, { 'Content-Length': '99999999999999' }, null],
    ['a garbled length', 200, { 'Content-Length': '12abc' }, null],
    ['a zero length', 200, { 'Content-Length': '0' }, null],
    ['a redirect', 302, { 'Content-Length': '100' }, null],
    ['range not satisfiable', 416, { 'Content-Range': 'bytes */5000' }, null],
  ])('%s', (_name, status, headers, expected) => {
    expect(totalSizeOf(status, h(headers))).toBe(expected);
  });

  it('reads nothing without headers', () => {
    expect(totalSizeOf(200, undefined)).toBeNull();
  });
});

describe('forwardMediaSize: the worker tells the frame that fetched the file', () => {
  it('sends the size to that frame, and nothing for requests outside a tab or without a size', async () => {
    const sent: [number, MediaSizeMessage, number][] = [];
    const send = async (tab: number, m: MediaSizeMessage, frame: number) => {
      sent.push([tab, m, frame]);
    };
    const url = 'https://cdn.example/v.mp4';
    const range = h({ 'Content-Range': 'bytes 0-1/5000' });
    forwardMediaSize({ tabId: 4, frameId: 2, url, statusCode: 206, responseHeaders: range }, send);
    forwardMediaSize({ tabId: -1, frameId: 0, url, statusCode: 206, responseHeaders: range }, send);
    forwardMediaSize({ tabId: 4, frameId: 0, url, statusCode: 200, responseHeaders: [] }, send);
    expect(sent).toEqual([[4, { type: 'mediaSize', url, bytes: 5000 }, 2]]);
    expect(() =>
      forwardMediaSize({ tabId: 9, frameId: 0, url, statusCode: 206, responseHeaders: range }, () =>
        Promise.reject(new Error('no receiver')),
      ),
    ).not.toThrow();
  });
});

describe('the tracker side', () => {
  it('accepts only a well-formed message, and keys it by the URL without its fragment', () => {
    expect(parseMediaSize({ type: 'mediaSize', url: 'https://a.example/v.mp4#t=5', bytes: 10 })).toEqual({
      url: 'https://a.example/v.mp4',
      bytes: 10,
    });
    for (const bad of [
      null,
      'mediaSize',
      { type: 'cmcdHeaders', url: 'https://a.example/v.mp4', bytes: 10 },
      { type: 'mediaSize', url: 'https://a.example/v.mp4', bytes: -1 },
      { type: 'mediaSize', url: 'https://a.example/v.mp4', bytes: 1.5 },
      { type: 'mediaSize', url: 'https://a.example/v.mp4', bytes: 1e13 },
      { type: 'mediaSize', url: 'https://a.example/v.mp4', bytes: '10' },
      { type: 'mediaSize', url: '', bytes: 10 },
      { type: 'mediaSize', url: `https://a.example/${'x'.repeat(3000)}`, bytes: 10 },
    ])
      expect(parseMediaSize(bad)).toBeNull();
  });

  it('divides the size by the duration for the element playing that URL, from the first sample', () => {
    const n = new NetworkMeter(0);
    const src = 'http://127.0.0.1:8080/media/progressive/video.mp4';
    expect(n.progressiveKbps(src, 60)).toBeNull();
    n.noteMediaSize(src, 19_887_151);
    expect(n.progressiveKbps(`${src}#t=3`, 60)).toBeCloseTo(2651.6, 1);
    expect(n.progressiveKbps(src, Number.NaN)).toBeNull();
    expect(n.progressiveKbps('http://127.0.0.1:8080/other.mp4', 60)).toBeNull();
  });

  it('keeps the sizes of at most 32 files', () => {
    const n = new NetworkMeter(0);
    for (let i = 0; i < 40; i++) n.noteMediaSize(`https://a.example/${i}.mp4`, 1000);
    expect(n.progressiveKbps('https://a.example/0.mp4', 1)).toBeNull();
    expect(n.progressiveKbps('https://a.example/39.mp4', 1)).toBeCloseTo(8, 9);
  });
});
