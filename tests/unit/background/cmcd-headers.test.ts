import { describe, expect, it } from 'vitest';
import {
  cmcdHeaderPayload,
  forwardCmcdHeaders,
  MAX_CMCD_HEADER_CHARS,
} from '@/entrypoints/background/cmcd-headers';
import type { TabMessage } from '@/utils/messaging/protocol';

describe('CMCD request headers', () => {
  it('joins the CMCD-* values and reads no other header', () => {
    expect(
      cmcdHeaderPayload([
        { name: 'CMCD-Object', value: 'br=3200,d=4004,ot=v,tb=6000' },
        { name: 'Authorization', value: 'Bearer secret' },
        { name: 'cmcd-request', value: 'bl=21300,mtp=25400' },
        { name: 'CMCD-Status', value: 'bs' },
      ]),
    ).toBe('br=3200,d=4004,ot=v,tb=6000,bl=21300,mtp=25400,bs');
    expect(cmcdHeaderPayload([{ name: 'Accept', value: '*/*' }])).toBeNull();
    expect(cmcdHeaderPayload([{ name: 'CMCD-Object' }])).toBeNull();
    expect(cmcdHeaderPayload(undefined)).toBeNull();
    expect(cmcdHeaderPayload([{ name: 'CMCD-Object', value: 'x'.repeat(5000) }])?.length).toBe(
      MAX_CMCD_HEADER_CHARS,
    );
  });

  it('sends them to the frame that made the request, and nothing for requests outside a tab', async () => {
    const sent: [number, TabMessage, number][] = [];
    const send = async (tab: number, m: TabMessage, options?: { frameId?: number }) => {
      sent.push([tab, m, options?.frameId ?? -1]);
    };
    forwardCmcdHeaders(
      { tabId: 7, frameId: 3, requestHeaders: [{ name: 'CMCD-Object', value: 'br=800' }] },
      send,
    );
    forwardCmcdHeaders(
      { tabId: -1, frameId: 0, requestHeaders: [{ name: 'CMCD-Object', value: 'br=800' }] },
      send,
    );
    forwardCmcdHeaders({ tabId: 7, frameId: 0, requestHeaders: [{ name: 'Accept', value: '*/*' }] }, send);
    expect(sent).toEqual([[7, { type: 'cmcdHeaders', payload: 'br=800' }, 3]]);
    // A tab without our content script (the send fails) is no error.
    expect(() =>
      forwardCmcdHeaders(
        { tabId: 8, frameId: 0, requestHeaders: [{ name: 'CMCD-Object', value: 'br=1' }] },
        () => Promise.reject(new Error('no receiver')),
      ),
    ).not.toThrow();
  });
});
