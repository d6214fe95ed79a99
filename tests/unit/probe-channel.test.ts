/**
 * The MAIN-world probe and the isolated world agree on a random event name at document_start, whichever
 * of the two scripts runs first, and neither keeps listening under the fixed names afterwards (a page
 * that fires them later learns nothing).
 */
import { describe, expect, it } from 'vitest';
import {
  ANNOUNCE_EVENT,
  announceChannel,
  awaitChannel,
  channelName,
  HELLO_EVENT,
} from '@/utils/messaging/probe-channel';

function probeSide(target: EventTarget) {
  return {
    listen: (type: string, fn: () => void) => target.addEventListener(type, fn),
    unlisten: (type: string, fn: () => void) => target.removeEventListener(type, fn),
    send: (type: string, detail: string) => target.dispatchEvent(new CustomEvent(type, { detail })),
  };
}
const random = (b: Uint8Array) => crypto.getRandomValues(b);

/** Counts what answers a page's own HELLO after the exchange. */
function answersLater(target: EventTarget): number {
  let heard = 0;
  const count = () => heard++;
  target.addEventListener(ANNOUNCE_EVENT, count);
  target.dispatchEvent(new CustomEvent(HELLO_EVENT));
  target.removeEventListener(ANNOUNCE_EVENT, count);
  return heard;
}

describe('probe channel', () => {
  it('names are random, 128 bits, and not the fixed ones', () => {
    const a = channelName(random);
    expect(a).toMatch(/^sw[0-9a-f]{32}$/);
    expect(channelName(random)).not.toBe(a);
  });

  it.each(['probe first', 'isolated first'])('%s: the isolated world learns the name, once', (order) => {
    const target = new EventTarget();
    const name = channelName(random);
    const names: string[] = [];
    if (order === 'probe first') {
      announceChannel(probeSide(target), name);
      awaitChannel(target, (n) => names.push(n));
    } else {
      awaitChannel(target, (n) => names.push(n));
      announceChannel(probeSide(target), name);
    }
    expect(names).toEqual([name]);
    expect(answersLater(target)).toBe(0);
  });

  it('ignores an announcement that is not a channel name', () => {
    const target = new EventTarget();
    const names: string[] = [];
    awaitChannel(target, (n) => names.push(n));
    target.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail: 'streamwitness:probe' }));
    target.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail: { name: 'x' } }));
    expect(names).toEqual([]);
  });
});
