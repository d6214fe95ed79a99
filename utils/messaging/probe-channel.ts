/**
 * How the MAIN-world probe and the isolated world agree on the name of the event that carries the
 * probe's batches. A fixed name would let any page listen for it and learn that StreamWitness is
 * there, so the probe picks a random name per document and tells it to the isolated world in a short
 * exchange under two fixed names, held while both scripts start at document_start, before any page
 * script can listen, and then dropped by both sides:
 *
 * - the isolated side listens for ANNOUNCE, then sends HELLO;
 * - the probe listens for HELLO, then sends ANNOUNCE (the name); at the first HELLO it stops listening
 *   and sends ANNOUNCE once more;
 * - the isolated side, at the first ANNOUNCE, takes the name, stops listening and sends HELLO.
 *
 * Whichever of the two scripts runs first, the other hears it, and neither keeps a fixed-name listener
 * past the exchange. The name is not a secret that protects anything: what arrives under it is parsed
 * as hostile input like everything else from the page (page-protocol.ts).
 */
export const HELLO_EVENT = 'streamwitness:hello';
export const ANNOUNCE_EVENT = 'streamwitness:announce';

/** 128 random bits, as an event name no page can guess. */
export function channelName(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(16));
  let s = 'sw';
  for (let i = 0; i < bytes.length; i++) s += ((bytes[i] ?? 0) + 256).toString(16).slice(1);
  return s;
}

/** What the probe side uses of the page's event API, taken before any page script ran. */
export interface ProbeEvents {
  listen(type: string, fn: () => void): void;
  unlisten(type: string, fn: () => void): void;
  send(type: string, detail: string): void;
}

/** The probe's side: answers the isolated world's HELLO with `name`, once. */
export function announceChannel(events: ProbeEvents, name: string): void {
  const onHello = () => {
    events.unlisten(HELLO_EVENT, onHello);
    events.send(ANNOUNCE_EVENT, name);
  };
  events.listen(HELLO_EVENT, onHello);
  events.send(ANNOUNCE_EVENT, name);
}

/**
 * The isolated side: calls `onName` with the probe's channel name, once, when it is known (normally
 * before this returns). Returns a function that stops waiting.
 */
export function awaitChannel(target: EventTarget, onName: (name: string) => void): () => void {
  let done = false;
  const onAnnounce = (ev: Event) => {
    const name = (ev as CustomEvent<unknown>).detail;
    if (done || typeof name !== 'string' || !/^sw[0-9a-f]{32}$/.test(name)) return;
    stop();
    target.dispatchEvent(new CustomEvent(HELLO_EVENT));
    onName(name);
  };
  const stop = () => {
    done = true;
    target.removeEventListener(ANNOUNCE_EVENT, onAnnounce);
  };
  target.addEventListener(ANNOUNCE_EVENT, onAnnounce);
  if (!done) target.dispatchEvent(new CustomEvent(HELLO_EVENT));
  return stop;
}
