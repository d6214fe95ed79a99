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
    onWorkerMessage({ contentPing: () => true });
    const sendResponse = vi.fn();
    const [returned] = await deliver({ type: 'contentPing' }, sendResponse);
    expect(sendResponse).toHaveBeenCalledExactlyOnceWith(true);
    expect(returned).toBeUndefined();
  });

  it('sends a false answer too, and nothing for a message it does not answer', async () => {
    onWorkerMessage({ contentPing: () => false });
    const ping = vi.fn();
    await deliver({ type: 'contentPing' }, ping);
    expect(ping).toHaveBeenCalledExactlyOnceWith(false);
    const other = vi.fn();
    const [returned] = await deliver({ type: 'watchRevoked' }, other);
    expect(other).not.toHaveBeenCalled();
    // Not `true`: that would keep the worker's sendMessage waiting for a reply that never comes.
    expect(returned).toBeUndefined();
  });

  it('hands each handler its message, typed, and answers nothing that is not the protocol’s', async () => {
    const payloads: string[] = [];
    onWorkerMessage({
      cmcdHeaders: ({ payload }) => {
        payloads.push(payload);
        return undefined;
      },
    });
    for (const m of [
      { type: 'cmcdHeaders', payload: 'br=800' },
      { type: 'cmcdHeaders', payload: 800 },
      { type: 'cmcdHeaders', payload: 'x'.repeat(5000) },
      { type: 'deleteAll' },
      null,
      'cmcdHeaders',
    ]) {
      const reply = vi.fn();
      await deliver(m, reply);
      expect(reply).not.toHaveBeenCalled();
    }
    expect(payloads).toEqual(['br=800']);
  });

  it('stops listening when told to', async () => {
    const answer = vi.fn(() => true);
    const stop = onWorkerMessage({ contentPing: answer });
    stop();
    onWorkerMessage({});
    await deliver({ type: 'contentPing' }, vi.fn());
    expect(answer).not.toHaveBeenCalled();
  });
});
