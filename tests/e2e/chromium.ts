/** How every e2e run starts Debian's Chromium with the built extension (README, REFERENCE.md). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_EXTENSION_DIR = path.join(ROOT, '.output-test/chrome-mv3');
export const SHIPPED_EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * A host no build of the extension names: the stream server's origin 'a' under a third name, for the
 * site-permission tests (match patterns ignore the port, so only the name matters).
 */
export const UNLISTED_HOST = 'watch.test';

export function chromiumArgs(extensionDir: string, extra: string[] = []): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
    `--host-resolver-rules=MAP ${UNLISTED_HOST} 127.0.0.1`,
    ...extra,
  ];
}
