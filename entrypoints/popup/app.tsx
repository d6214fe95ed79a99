import { useEffect, useState } from 'preact/hooks';
import { NowPlaying } from '@/components/now-playing';
import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';

type Live =
  | { state: 'loading' }
  | { state: 'ready'; live: LiveSnapshot | null }
  | { state: 'error'; message: string };

/** Which tab the popup describes: `?tab=` when opened as a page (tests, report links), else the active tab. */
async function currentTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function App() {
  const [live, setLive] = useState<Live>({ state: 'loading' });
  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const tabId = await currentTabId();
        const res =
          tabId === undefined ? null : await browser.runtime.sendMessage({ type: 'getLive', tabId });
        const snapshot = (res as { live?: LiveSnapshot | null } | null)?.live ?? null;
        if (!stop) setLive({ state: 'ready', live: snapshot });
      } catch (e) {
        if (!stop) setLive({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    };
    void load();
    const timer = setInterval(load, 1000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <main>
      <header>
        <h1>StreamWitness</h1>
      </header>
      {live.state === 'loading' && <p class="muted">Loading…</p>}
      {live.state === 'error' && <p role="alert">Live data is unavailable: {live.message}</p>}
      {live.state === 'ready' && <NowPlaying live={live.live} now={Date.now()} />}
    </main>
  );
}
