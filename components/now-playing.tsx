import type { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { resolutionClass } from '@/utils/metrics/resolution';
import { serviceName } from '@/utils/sites';

export interface NowPlayingProps {
  live: LiveSnapshot | null;
  now: number;
}

export function NowPlaying({ live }: NowPlayingProps) {
  if (!live) {
    return (
      <section aria-labelledby="now-h">
        <h2 id="now-h">Now playing</h2>
        <p class="muted" data-testid="no-video">
          No video is playing in this tab yet.
        </p>
      </section>
    );
  }
  const stalled = live.state === 'stalled';
  return (
    <section aria-labelledby="now-h" data-testid="now-playing">
      <h2 id="now-h">Now playing — {serviceName(live.service)}</h2>
      <dl class="stats">
        <dt>State</dt>
        <dd data-testid="state">{stalled ? 'Stalling' : live.state}</dd>
        <dt>Resolution</dt>
        <dd data-testid="resolution">
          {live.w}×{live.h} ({resolutionClass(live.w, live.h) || '—'})
        </dd>
        <dt>Stalls</dt>
        <dd data-testid="stalls">{live.stalls}</dd>
      </dl>
    </section>
  );
}
