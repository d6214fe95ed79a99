/**
 * The extension API as the browser itself provides it, without webextension-polyfill, for the code the
 * popup loads (it opens on every click; the polyfill was a tenth of its JS and measurably slowed its
 * first render). In MV3 every call made through this returns a promise natively (chrome.* in Chrome
 * 116+, browser.* in Firefox), or is synchronous (i18n). The worker and content scripts keep WXT's
 * polyfilled `browser`, which also lets runtime.onMessage listeners answer with a promise in older Chrome.
 */
import type { Browser } from 'webextension-polyfill';

const g = globalThis as unknown as { browser?: Browser; chrome?: Browser };

/** `browser` where the browser defines it (Firefox, recent Chrome), else `chrome`. */
export const browser: Browser = (g.browser?.runtime?.id ? g.browser : g.chrome) as Browser;
