/**
 * Whether the MAIN-world probe is in a page. A page cannot tell (tests/e2e/detection.spec.ts); the test
 * asks DevTools instead, which shows a Proxy's [[Target]] where a page sees only a native function.
 */
import type { Page } from '@playwright/test';

export async function probeInstalled(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: 'SourceBuffer.prototype.appendBuffer',
    });
    if (!result.objectId) return false;
    const { internalProperties } = await cdp.send('Runtime.getProperties', {
      objectId: result.objectId,
      ownProperties: true,
    });
    return (internalProperties ?? []).some((p) => p.name === '[[Target]]');
  } finally {
    await cdp.detach();
  }
}
