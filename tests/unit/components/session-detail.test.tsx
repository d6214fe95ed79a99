import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { confounders } from '@/components/confounders';
import { SessionDetailView } from '@/components/session-detail';
import { timelineData } from '@/components/timeline-data';
import type { SessionDetail } from '@/utils/db';
import { allById, byId, exampleAgg, mount, sample, session, stallEvent, T0, text } from './fixtures';

const SID = 'detail-session-1';
const noop = () => {};

function detail(over: Partial<SessionDetail> = {}): SessionDetail {
  return {
    session: session(SID),
    samples: Array.from({ length: 60 }, (_, i) => sample(SID, i, i >= 30 ? { h: 720, w: 1280 } : {})),
    events: [stallEvent(SID, 100, T0 + 10_000, 2000), stallEvent(SID, 101, T0 + 40_000, 16_000)],
    ...over,
  };
}

const view = (d: SessionDetail, onBack = noop) =>
  mount(<SessionDetailView load={{ status: 'ready', detail: d }} onBack={onBack} locale="en-US" />);

describe('SessionDetailView', () => {
  it('opens the report or the complaint page for this session, and has no such buttons without a handler', () => {
    const onEvidence = vi.fn();
    const el = mount(
      <SessionDetailView
        load={{ status: 'ready', detail: detail() }}
        onBack={noop}
        onEvidence={onEvidence}
      />,
    );
    byId(el, 'detail-export')?.click();
    byId(el, 'detail-complain')?.click();
    expect(onEvidence.mock.calls).toEqual([
      ['report', `session=${SID}`],
      ['complaint', `session=${SID}`],
    ]);
    expect(byId(view(detail()), 'detail-export')).toBeNull();
    const loading = mount(
      <SessionDetailView load={{ status: 'loading' }} onBack={noop} onEvidence={onEvidence} />,
    );
    expect(byId(loading, 'detail-export')).toBeNull();
  });

  it('has loading, error and missing states, each with a way back', () => {
    const onBack = vi.fn();
    const loading = mount(<SessionDetailView load={{ status: 'loading' }} onBack={onBack} />);
    expect(byId(loading, 'detail-loading')).not.toBeNull();
    byId(loading, 'detail-back')?.click();
    expect(onBack).toHaveBeenCalledOnce();
    const error = mount(
      <SessionDetailView load={{ status: 'error', message: 'VersionError' }} onBack={noop} />,
    );
    expect(text(error, 'detail-error')).toContain('VersionError');
    const missing = mount(<SessionDetailView load={{ status: 'missing' }} onBack={noop} />);
    expect(text(missing, 'detail-missing')).toContain('no longer stored');
  });

  it('shows the stored totals in the stats table', () => {
    const el = view(detail());
    expect(text(el, 'detail-stalls')).toBe('2');
    expect(text(el, 'detail-stall-time')).toBe('18 s');
    expect(text(el, 'detail-duration')).toBe('30 min 00 s');
    expect(text(el, 'detail-startup')).toBe('2.0 s');
    expect(text(el, 'detail-rebuffer')).toBe('1%');
    expect(text(el, 'detail-bitrate')).toBe('4.2 Mbps');
    expect(text(el, 'detail-throughput')).toBe('9 Mbps');
    expect(text(el, 'detail-hd')).toBe('90%');
    expect(text(el, 'detail-max-resolution')).toBe('1920×1080');
    expect(text(el, 'detail-upscale')).toBe('1.20× / 1.50×');
    expect(byId(el, 'detail-stalls')?.dataset.value).toBe('2');
    expect(text(el, 'detail-score-overall')).toBe('83');
    expect(text(el, 'detail-formula-smoothness')).toContain('rebuffer fraction');
  });

  it('draws the timeline: a band per stall, lines, resolution labels and a text alternative', () => {
    const el = view(detail());
    const svg = byId(el, 'timeline')?.querySelector('svg');
    expect(allById(el, 'timeline-stall')).toHaveLength(2);
    expect(svg?.querySelector('.line-br')?.getAttribute('d')).toMatch(/^M/);
    expect(svg?.querySelector('.line-res')?.getAttribute('d')).toContain('V');
    const ticks = [...(svg?.querySelectorAll('.tick-res') ?? [])].map((t) => t.textContent);
    expect(ticks).toEqual(['720p', '1080p']);
    const label = svg?.getAttribute('aria-label') ?? '';
    expect(label).toContain('2 stalls totalling 18 s');
    expect(label).toContain('resolution 720p to 1080p');
    expect(svg?.querySelector('title')?.textContent).toBe(label);
  });

  it('keeps bitrate readable when throughput dwarfs it, and says throughput went off the chart', () => {
    const samples = Array.from({ length: 10 }, (_, i) => sample(SID, i, { br: 5000, tp: 450_000 }));
    const data = timelineData(samples, [], 270);
    expect(data?.kTop).toBe(20_000);
    expect(data?.tpOffScale).toBe(450_000);
    const el = view(detail({ samples }));
    expect(text(el, 'timeline-tp-off-scale')).toContain('up to 450 Mbps');
    expect(byId(el, 'timeline')?.querySelector('svg')?.getAttribute('aria-label')).toContain(
      'throughput up to 450 Mbps',
    );
    expect(
      timelineData(
        samples.map((s) => ({ ...s, tp: 9000 })),
        [],
        270,
      )?.tpOffScale,
    ).toBeNull();
  });

  it('explains a missing timeline when raw samples were pruned', () => {
    const el = view(detail({ samples: [], session: session(SID, { rawPrunedAt: T0 + 86_400_000 }) }));
    expect(text(el, 'timeline-empty')).toContain('No raw samples');
    expect(byId(el, 'detail-confounders')?.querySelector('[data-note="raw-samples-pruned"]')).not.toBeNull();
  });

  it('names the confounders: dropped frames, small player, upscaling, hidden tab, decoder stalls', () => {
    const agg = exampleAgg({ droppedFrames: 8000, totalFrames: 53_460, hiddenMs: 600_000, upSum: 1_782_000 });
    const small = Array.from({ length: 20 }, (_, i) => sample(SID, i, { dw: 640, dh: 360 }));
    const el = view(
      detail({
        session: session(SID, { agg }),
        samples: small,
        events: [stallEvent(SID, 1, T0 + 5000, 3000, 'decoder')],
      }),
    );
    const notes = [...(byId(el, 'detail-confounders')?.querySelectorAll('li') ?? [])];
    expect(notes.map((n) => n.dataset.note)).toEqual([
      'dropped-frames',
      'decoder-stalls',
      'hidden-tab',
      'small-player',
      'upscaled',
    ]);
    expect(notes[0]?.textContent).toContain('15% of frames were dropped');
    expect(notes[0]?.textContent).toContain('not the network');
    expect(notes[4]?.textContent).toContain('2.0× larger');
    expect(notes[2]?.textContent).toContain('hidden for 33%');
  });

  it('says nothing stands out for a clean session', () => {
    const el = view(detail());
    expect(byId(el, 'detail-confounders')).toBeNull();
    expect(byId(el, 'detail-no-confounders')).not.toBeNull();
  });

  it('goes back on Escape and focuses its heading when opened', () => {
    const onBack = vi.fn();
    const el = view(detail(), onBack);
    expect(document.activeElement).toBe(el.querySelector('h2'));
    act(() => {
      el.querySelector('h2')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onBack).toHaveBeenCalledOnce();
  });
});

describe('confounder words', () => {
  it('flags a preview session, in words', () => {
    const notes = confounders(session(SID, { preview: true }), [], []);
    expect(notes.map((n) => n.id)).toEqual(['preview']);
    expect(notes[0]?.text).toContain('autoplay preview');
  });
});

describe('SessionDetailView: network', () => {
  const req = (seq: number, host: string, bytes: number) => ({
    sid: SID,
    seq,
    t: T0 + seq * 1000,
    mt: seq,
    kind: 'request' as const,
    host,
    bytes,
    durationMs: 100,
    timed: bytes > 0,
  });
  const cmcd = (seq: number, over: Record<string, unknown>) => ({
    sid: SID,
    seq,
    t: T0 + seq * 1000,
    mt: seq,
    kind: 'cmcd' as const,
    ...over,
  });

  it('names the host that served most video bytes, and what the player reported over CMCD', () => {
    const el = view(
      detail({
        events: [
          req(1, 'edge-1.cdn.example', 3_000_000),
          req(2, 'edge-2.cdn.example', 1_000_000),
          cmcd(3, { ot: 'v', br: 2500, tb: 5000, mtp: 20_000 }),
          cmcd(4, { ot: 'v', br: 1000, tb: 5000, bs: true, mtp: 1_200 }),
          cmcd(5, { ot: 'a', br: 128, tb: 128 }),
        ] as SessionDetail['events'],
      }),
    );
    const host = byId(el, 'detail-serving-host') as HTMLElement;
    expect(host.dataset.host).toBe('edge-1.cdn.example');
    expect(host.textContent).toContain('75% of the video bytes');
    expect(text(el, 'detail-cmcd')).toBe(
      'top bitrate 5 Mbps; measured throughput 1.2 Mbps; buffer ran dry 1 time',
    );
  });

  it('says nothing about the network when nothing was seen', () => {
    expect(byId(view(detail()), 'detail-network')).toBeNull();
  });
});
