import { describe, expect, it } from 'vitest';
import { parseCmcdFromUrl } from '@/utils/analysis/cmcd';
import {
  type CmcdKeys,
  type CmcdLogState,
  cmcdKeys,
  LOG_EVERY_MS,
  shouldLogCmcd,
} from '@/utils/metrics/cmcd-log';
import { CmcdEvent } from '@/utils/schema/playback';

const url = (payload: string) => `https://cdn.example/v/seg-1.m4s?CMCD=${encodeURIComponent(payload)}`;

describe('cmcdKeys', () => {
  it('keeps the measurement keys and drops content ids, session ids and next-object URLs', () => {
    const keys = cmcdKeys(
      parseCmcdFromUrl(
        url(
          'bl=21300,br=3200,bs,cid="faith-and-folly",d=4004,mtp=25400,nor="../seg-2.m4s",ot=v,sf=d,sid="6e2fb550",st=v,tb=6000',
        ),
      ),
    );
    expect(keys).toEqual({
      br: 3200,
      bl: 21300,
      mtp: 25400,
      tb: 6000,
      d: 4004,
      bs: true,
      ot: 'v',
      st: 'v',
      sf: 'd',
    });
    // What is kept is what the store accepts.
    expect(CmcdEvent.safeParse({ sid: 'abcdefgh', seq: 0, t: 1, mt: 0, kind: 'cmcd', ...keys }).success).toBe(
      true,
    );
  });

  it('is null without a payload or without any measurement key', () => {
    expect(cmcdKeys(null)).toBeNull();
    expect(cmcdKeys(parseCmcdFromUrl(url('sid="abc",cid="x"')))).toBeNull();
    expect(cmcdKeys(parseCmcdFromUrl('https://cdn.example/seg.m4s'))).toBeNull();
  });

  it('drops hostile values instead of storing them', () => {
    expect(cmcdKeys(parseCmcdFromUrl(url('br=-5,bl=NaN,mtp=1e99,tb=99999999999,ot=zz')))).toBeNull();
  });
});

describe('shouldLogCmcd', () => {
  const video = { br: 3200, tb: 6000, bl: 10_000, ot: 'v' as const };
  const audio = { br: 128, tb: 128, bl: 10_000, ot: 'a' as const };

  function run(steps: [number, Parameters<typeof shouldLogCmcd>[1]][]): number[] {
    let state: CmcdLogState = new Map();
    const logged: number[] = [];
    for (const [t, keys] of steps) {
      const d = shouldLogCmcd(state, keys, t);
      state = d.state;
      if (d.log) logged.push(t);
    }
    return logged;
  }

  it('logs the first payload of each object type, then only changes', () => {
    expect(
      run([
        [0, video],
        [500, audio],
        [2000, { ...video, bl: 12_000 }],
        [2500, { ...audio, bl: 12_000 }],
        [4000, { ...video, br: 1600 }],
        [6000, { ...video, br: 1600, tb: 3000 }],
        [8000, { ...video, br: 1600, tb: 3000 }],
      ]),
    ).toEqual([0, 500, 4000, 6000]);
  });

  it('logs when the player starts sending a key it did not send before', () => {
    expect(
      run([
        [0, video],
        [2000, { ...video, mtp: 20_000 }],
        [4000, { ...video, mtp: 25_000 }],
      ]),
    ).toEqual([0, 2000]);
  });

  it('logs every buffer starvation', () => {
    expect(
      run([
        [0, video],
        [2000, { ...video, bs: true }],
        [4000, { ...video, bs: true }],
      ]),
    ).toEqual([0, 2000, 4000]);
  });

  it('logs an unchanged payload again after LOG_EVERY_MS, and after the clock went back', () => {
    expect(
      run([
        [0, video],
        [LOG_EVERY_MS - 1, video],
        [LOG_EVERY_MS, video],
        [LOG_EVERY_MS - 5000, video],
      ]),
    ).toEqual([0, LOG_EVERY_MS, LOG_EVERY_MS - 5000]);
  });

  it('keeps a two-hour CMCD session within a few hundred events', () => {
    const steps: [number, CmcdKeys][] = [];
    for (let t = 0; t < 7_200_000; t += 2000) steps.push([t, { ...video, bl: t % 30_000 }], [t + 1, audio]);
    expect(run(steps).length).toBeLessThanOrEqual(2 * (7_200_000 / LOG_EVERY_MS) + 2);
  });
});
