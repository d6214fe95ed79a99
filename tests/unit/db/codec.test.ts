import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../utils/db/bytes';
import {
  decodeRequests,
  encodeRequests,
  normalizeRequest,
  type RequestEvent,
} from '../../../utils/db/request-codec';
import { decodeSamples, encodeSamples, normalizeSample } from '../../../utils/db/sample-codec';
import { PlaybackEvent, Sample } from '../../../utils/schema/playback';
import { sample, sid } from './helpers';

const id = sid(1);

/** Samples that exercise every column: nulls, states, hidden, view and rate changes, gaps, pauses. */
function varied(): Sample[] {
  const out: Sample[] = [];
  let t = 1_718_000_000_000;
  let mt = 1_700_000_000.123; // a live stream's media time can be an epoch in seconds
  for (let seq = 0; seq < 400; seq++) {
    const step = seq % 17 === 0 ? 4321 : 1000;
    const paused = seq % 50 > 45;
    t += seq === 0 ? 0 : step;
    mt += paused ? 0 : step / 1000 + 0.0003;
    out.push({
      sid: id,
      seq: seq < 200 ? seq : seq * 2 + (seq % 3 === 0 ? 1 : 0), // gaps in seq
      t,
      dt: seq === 0 ? 0 : seq === 99 ? 60_000 : step,
      state: paused
        ? 'paused'
        : ((['playing', 'stalled', 'seeking', 'startup', 'ended'] as const)[seq % 5] ?? 'playing'),
      mt,
      buf: (seq * 7.3) % 31,
      w: seq < 100 ? 1920 : 1280,
      h: seq < 100 ? 1080 : 720,
      dw: seq < 300 ? 1536 : 3840,
      dh: seq < 300 ? 864 : 2160,
      br: seq % 9 === 0 ? null : 4800.04 + (seq % 7) * 123.456,
      tp: seq % 4 === 0 ? null : 9000 + ((seq * 97) % 13) * 250.25,
      df: seq % 10,
      tf: seq % 3 === 0 ? 0 : 30 + seq,
      rate: seq < 250 ? 1 : seq < 320 ? 1.0499999 : 0,
      hidden: seq % 11 === 0,
    });
  }
  out.push({ ...sample(id, 10_000), t: 0, mt: 0, buf: 0, dt: 0, br: 0, tp: 0, rate: 16 });
  return out;
}

describe('sample codec', () => {
  it('gives back exactly the normalized samples, each still a valid Sample', () => {
    const input = varied().map(normalizeSample);
    const out = decodeSamples(id, encodeSamples(input));
    expect(out).toEqual(input);
    for (const s of out) expect(Sample.parse(s)).toEqual(s);
  });

  it('keeps the promised precision and normalizing twice changes nothing', () => {
    const raw = {
      ...sample(id, 1),
      t: 1_718_000_000_000.4,
      mt: 7200.1234567,
      buf: 3.00049,
      br: 4823.456,
      tp: 0.04,
    };
    const n = normalizeSample(raw);
    expect(n).toMatchObject({ t: 1_718_000_000_000, mt: 7200.123, buf: 3, br: 4823.5, tp: 0 });
    expect(Object.is(n.tp, 0)).toBe(true);
    expect(normalizeSample(n)).toEqual(n);
    const live = normalizeSample({ ...raw, mt: 1_700_000_000.1234 });
    expect(Math.abs(live.mt - 1_700_000_000.1234)).toBeLessThanOrEqual(0.0005);
  });

  it('costs about 13 bytes per steadily playing second', () => {
    const steady = Array.from({ length: 300 }, (_, i) =>
      sample(id, i, { br: 4800 + (i % 7) * 100, tp: 9000 + (i % 13) * 250 }),
    );
    expect(encodeSamples(steady).length / 300).toBeLessThan(15);
  });

  it('rejects bytes it did not write: truncated, trailing, unknown version, impossible values', () => {
    const bytes = encodeSamples([sample(id, 0), sample(id, 1)]);
    expect(() => decodeSamples(id, bytes.slice(0, -1))).toThrow(CodecError);
    expect(() => decodeSamples(id, new Uint8Array([...bytes, 0]))).toThrow(CodecError);
    expect(() => decodeSamples(id, new Uint8Array([9, ...bytes.slice(1)]))).toThrow(/version/);
    expect(() => decodeSamples(id, new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow(CodecError);
    expect(() => decodeSamples(id, new Uint8Array([]))).toThrow(CodecError);
    for (let i = 2; i < bytes.length; i++) {
      for (const flip of [0x7f, 0xff]) {
        const bad = bytes.slice();
        bad[i] = flip;
        try {
          for (const s of decodeSamples(id, bad)) Sample.parse(s);
        } catch (err) {
          expect(err).toBeInstanceOf(CodecError);
        }
      }
    }
  });

  it('refuses to encode samples out of seq order', () => {
    expect(() => encodeSamples([sample(id, 2), sample(id, 1)])).toThrow(CodecError);
  });
});

function request(seq: number, over: Partial<RequestEvent> = {}): RequestEvent {
  return {
    sid: id,
    seq,
    t: 1_718_000_000_000 + seq * 4000.25,
    mt: seq * 4.0001,
    kind: 'request',
    host: 'rr3---sn-abc.googlevideo.com',
    bytes: 2_400_000 + seq,
    durationMs: 310.123456,
    timed: true,
    ...over,
  };
}

describe('request codec', () => {
  it('gives back exactly the normalized requests, hosts and all', () => {
    const input = [
      request(0),
      request(1, { host: 'cdn.example.net', timed: false, bytes: 0, durationMs: 0 }),
      request(5, { host: 'ex\u00e4mple.\ud800test', bytes: 2 ** 40 }),
      request(6),
      request(900, { t: 0, mt: 0 }),
    ].map(normalizeRequest);
    const out = decodeRequests(id, encodeRequests(input));
    expect(out).toEqual(input);
    expect(out[0]).toMatchObject({ t: 1_718_000_000_000, mt: 0, durationMs: 310.123 });
    for (const e of out) expect(PlaybackEvent.parse(e)).toEqual(e);
  });

  it('costs about a dozen bytes per request on one host', () => {
    const input = Array.from({ length: 300 }, (_, i) => normalizeRequest(request(i)));
    expect(encodeRequests(input).length / 300).toBeLessThan(14);
  });

  it('rejects a host index outside its table', () => {
    const bytes = encodeRequests([normalizeRequest(request(0))]);
    const bad = bytes.slice();
    // The chunk ends host·timed (1 byte), bytes (4), durationMs in µs (3): point at a third host.
    bad[bytes.length - 8] = 4;
    expect(() => decodeRequests(id, bad)).toThrow(CodecError);
  });
});
