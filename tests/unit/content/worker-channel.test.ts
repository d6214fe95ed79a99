/**
 * The content script talks to the worker without the polyfill, so a reply must go through
 * sendResponse: Chrome drops a promise returned by a listener, and the worker's reinjection check
 * (contentPing) would then think the live copy dead and inject a second one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onWorkerMessage } from '@/utils/capture/worker-channel';

/** The browser passes the listener a sendResponse; WXT's fake types its trigger without one. */
const deliver = (message: unknown, sendResponse: (reply: unknown) => void) =>
  (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(
    message,
    {},
    sendResponse,
  );

describe('onWorkerMessage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers through sendResponse, synchronously, and returns no promise', async () => {
    onWorkerMessage((m) => ((m as { type: string }).type === 'contentPing' ? true : undefined));
    const sendResponse = vi.fn();
    const [returned] = await deliver({ type: 'contentPing' }, sendResponse);
    expect(sendResponse).toHaveBeenCalledExactlyOnceWith(true);
    expect(returned).toBeUndefined();
  });

  it('sends a false answer too, and nothing for a message it does not answer', async () => {
    onWorkerMessage((m) => ((m as { type: string }).type === 'contentPing' ? false : undefined));
    const ping = vi.fn();
    await deliver({ type: 'contentPing' }, ping);
    expect(ping).toHaveBeenCalledExactlyOnceWith(false);
    const other = vi.fn();
    const [returned] = await deliver({ type: 'watchRevoked' }, other);
    expect(other).not.toHaveBeenCalled();
    // Not `true`: that would keep the worker's sendMessage waiting for a reply that never comes.
    expect(returned).toBeUndefined();
  });

  it('stops listening when told to', async () => {
    const answer = vi.fn(() => true);
    const stop = onWorkerMessage(answer);
    stop();
    onWorkerMessage(() => undefined);
    await deliver({ type: 'contentPing' }, vi.fn());
    expect(answer).not.toHaveBeenCalled();
  });
});
