/**
 * The MAIN-world probe: a content script in the page's own world at document_start, in every frame of a
 * watched page, before any page script. It only observes: every wrapper calls the page's original with
 * the same arguments and returns its result, and any failure of ours is swallowed so the player never
 * notices. It reports MediaSource/SourceBuffer activity in size-capped JSON batches, at most one per
 * BATCH_MS unless one fills up, under an event name only the isolated world learns (probe-channel.ts).
 *
 * The page must not be able to tell it is here: no global name or marker (the bundle is an anonymous
 * IIFE, state lives in this closure), no web-accessible file, wrappers that look native and leave no
 * frame in the page's stack traces, and no page global looked up after start (stealth.ts).
 */
import { defaultMatchPatterns } from '@/utils/sites';
import { startProbe } from './probe';

export default defineContentScript({
  // Test builds add the local test origins in wxt.config.ts; watched sites get this script through the
  // dynamic registration in background/watch.ts, next to the isolated one.
  matches: defaultMatchPatterns(),
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  // No `var probe = …` on the page's window.
  globalName: false,
  main() {
    try {
      startProbe();
    } catch {}
  },
});
