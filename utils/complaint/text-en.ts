/**
 * English letter blocks. Facts first, then what they suggest, then what else could explain them: the
 * text never claims more than the data shows, and never names a law as broken — it asks for an answer.
 */
import type { ComplaintFacts } from './facts';
import type { ServiceFacts } from './roles';
import { verdictText } from './verdicts';
import { bullet, byPhrase, dayRange, fillIn, issueOf, numbers, sessionSpan, span, stallTimes } from './words';

const fill = (label: string) => fillIn('en', label);

export interface Blocks {
  lang: 'en' | 'de' | 'fr';
  locale: string;
  fill: (label: string) => string;
  period: (x: ComplaintFacts) => string;
  /** '2026-11-20 – 2026-11-22': for subject lines. */
  days: (x: ComplaintFacts) => string;
  /** What the data shows, lower case, for subject lines: never more than the figures say. */
  issue: (x: ComplaintFacts) => string;
  services: (x: ComplaintFacts) => string;
  isp: (x: ComplaintFacts) => string;
  plan: (x: ComplaintFacts) => string;
  measured: (x: ComplaintFacts) => string;
  suggests: (x: ComplaintFacts) => string;
  caveats: (x: ComplaintFacts) => string;
  evidence: (x: ComplaintFacts) => string;
  signature: string;
}

export const CONFOUNDERS_EN: Record<ComplaintFacts['confounders'][number]['code'], string> = {
  'dropped-frames': 'the device dropped many frames (a device limit, not the network)',
  'decoder-stalls': 'some stalls happened with video already buffered (a device or decoder hold-up)',
  'hidden-tab': 'the tab was in the background for part of the time, where players may lower quality',
  'small-player': 'the player window was small, and players may pick a lower resolution to fit it',
  upscaled: 'the picture was stretched well beyond its native size by the player window',
  wireless: 'the device was on Wi-Fi or mobile data, whose speed varies with the radio',
  preview: 'an autoplay preview rather than chosen playback',
  'playback-rate': 'playback at a speed other than 1×',
  'short-session': 'very short playback, where figures are noisy',
  'timing-hidden': 'some servers hid download timing, so throughput covers only part of the traffic',
  'no-bitrate': 'no bitrate estimate was available',
  'raw-samples-pruned': 'older per-second samples were removed by retention (totals remain)',
};

const N = numbers('en-US', 'not measured');
const stallsEn = (count: number, ms: number, n = N) =>
  count === 0 ? 'no stalls' : `${n.count(count, 'stall', 'stalls')} totalling ${n.dur(ms)}`;

export function measuredLines(x: ComplaintFacts, n = N): string[] {
  const t = x.subject;
  const hours = '(19:00–23:00 local time)';
  const evening =
    t.sessions === 1
      ? `it started ${t.eveningSessions === 1 ? 'in' : 'outside'} the evening ${hours}`
      : `${n.int(t.eveningSessions)} of them started in the evening ${hours}`;
  const stalls =
    t.stallCount === 0
      ? 'none'
      : `${n.int(t.stallCount)}, totalling ${n.dur(t.stallMs)}, which is ${n.pct(t.rebufferFraction)} of the watching time`;
  const drops =
    t.resolutionDrops === 0
      ? 'never dropped'
      : `dropped ${t.resolutionDrops === 1 ? 'once' : `${n.int(t.resolutionDrops)} times`}`;
  const lines = [
    `Period: ${span(t.first, t.last, 'to')}; ${n.count(t.sessions, 'playback session', 'playback sessions')} on ${n.count(t.days, 'day', 'different days')}; ${evening}.`,
    `${t.serviceNames.length === 1 ? 'Service' : 'Services'}: ${t.serviceNames.join(', ')} (${t.hosts.join(', ')}), watched for ${n.dur(t.watchMs)} in total.`,
    `Stalls (playback stopped to wait for data; stalls caused by seeking are not counted): ${stalls}.`,
    `Video bitrate received: ${n.kbps(t.meanBitrateKbps)} on average over playing time.`,
    `Picture: ${n.pct(t.share720)} of playing time at 720p or better; the resolution ${drops}.`,
    `Download throughput of the video segments: ${n.kbps(t.meanThroughputKbps)} on average (measured from the segment downloads; not a full line speed test).`,
  ];
  if (x.planDownKbps !== null) {
    const plan = x.planDownKbps;
    const share = (v: number | null) => (v === null ? 'not measured' : n.pct(v / plan));
    const stalled =
      t.stallCount > 0 ? '; the stalls show the video did not arrive fast enough at those moments' : '';
    lines.push(
      `Against my plan's download speed of ${n.kbps(plan)}: video bitrate ${share(t.meanBitrateKbps)} of it, segment throughput ${share(t.meanThroughputKbps)} of it. A video stream needs only part of a plan's speed, so these shares alone do not show a shortfall${stalled}.`,
    );
  }
  return lines;
}

export function sessionLines(x: ComplaintFacts, n = N): string {
  const times = (s: ComplaintFacts['listed'][number]) =>
    stallTimes(s.stalls, s.start, {
      lead: 'starting at',
      dur: n.dur,
      device: 'video was buffered',
      more: (k) => `and ${n.int(k)} more (all in the attached files)`,
    });
  const lines = x.listed.map((s) => {
    const at = times(s);
    return `${sessionSpan(s.start, s.end)}, ${s.serviceName} (${s.pageHost}): ${stallsEn(s.summary.stallCount, s.summary.stallMs, n)}${at ? `; ${at}` : ''}; bitrate ${n.kbps(s.summary.meanBitrateKbps)}; ${n.pct(s.summary.share720)} at 720p or better`;
  });
  const which =
    x.listedBy === 'stalls'
      ? `the ${n.int(x.listed.length)} sessions with the most stalling`
      : `the first ${n.int(x.listed.length)} sessions`;
  const more =
    x.unlisted > 0 ? `\n(Listed: ${which}; all ${n.int(x.subject.sessions)} are in the attached files.)` : '';
  return bullet(lines) + more;
}

/** Other services at the same times, or why there are none; '' when the verdicts say it. */
export function comparisonText(x: ComplaintFacts, n = N): string {
  const margin = x.comparisonMarginMin;
  switch (x.comparisonNote) {
    case 'omitted':
      return '';
    case 'none':
      return `No other video service was played within ${margin} minutes of these sessions, so there is no same-time comparison.`;
    case 'only-subjects':
      return `No video service other than ${n.list(x.subject.serviceNames)} was played within ${margin} minutes of these sessions.`;
    case 'listed': {
      const lines = x.comparison.map(
        ({ serviceName, totals: c }) =>
          `${serviceName}: ${n.count(c.sessions, 'session', 'sessions')}, ${stallsEn(c.stallCount, c.stallMs, n)}${c.stallCount > 0 ? ` (${n.pct(c.rebufferFraction)} of watching time)` : ''}; bitrate ${n.kbps(c.meanBitrateKbps)}; ${n.pct(c.share720)} at 720p or better`,
      );
      return `Other services on the same connection and browser within ${margin} minutes of these sessions:\n${bullet(lines)}`;
    }
  }
}

/** What one subject service had, in words that claim nothing it did not have. */
function problemEn(s: ServiceFacts): string {
  const one = s.totals.stallCount === 1;
  const stalls = {
    none: '',
    some: one ? 'one interruption' : 'some interruptions',
    heavy: one ? 'one long interruption' : 'repeated interruptions',
  }[s.stalls];
  const picture = {
    fine: '',
    'some-loss': 'some loss of picture quality',
    low: 'mostly low picture quality (under 720p)',
  }[s.picture];
  return [stalls, picture].filter(Boolean).join(' and ');
}

function suggests(x: ComplaintFacts): string {
  const who = N.list(x.subject.serviceNames);
  const head =
    x.severity === 'none'
      ? `These figures show no significant stalling or loss of picture quality for ${who}.`
      : `These figures show ${byPhrase(x.subjectServices, problemEn)
          .map((g) => `${g.phrase} for ${N.list(g.names)}`)
          .join('; ')}${x.severity === 'minor' ? ', though nothing severe' : ''}.`;
  const tail =
    x.severity === 'none'
      ? ''
      : x.contrast === 'better'
        ? ` Other services played noticeably better in the same hours on the same connection, which suggests the problem affected ${who} in particular — for example the route to ${x.subject.serviceNames.length === 1 ? 'its servers or how its traffic is' : 'their servers or how their traffic is'} handled — though it does not by itself prove the cause.`
        : x.contrast === 'similar'
          ? ' Other services had problems too at the same times, which suggests a problem with the connection at those times rather than with one service.'
          : ' On their own these measurements do not show where the problem lies: my connection, my home network, the service, or the network in between.';
  return head + tail;
}

/** '(2 of 3 sessions)', '(all 3 sessions)', '(the one session)'. */
export const ofSessionsEn = (k: number, total: number, n = N) =>
  k === total
    ? total === 1
      ? 'the one session'
      : `all ${n.int(total)} sessions`
    : `${n.int(k)} of ${n.int(total)} sessions`;

function caveats(x: ComplaintFacts): string {
  const items = x.confounders.map(
    (c) => `${CONFOUNDERS_EN[c.code]} (${ofSessionsEn(c.sessions, x.subject.sessions)})`,
  );
  const base = `These are browser measurements of what my video player received. They cannot see whether other devices were using the connection at the time. Connection: ${fill('WIRED OR WI-FI, AND OTHER USE AT THE TIME')}.`;
  return items.length === 0
    ? `${base} None of the device or playback factors StreamWitness checks for (dropped frames, background tab, small player, previews, playback speed) applied.`
    : `${base} Factors that may also have played a part:\n${bullet(items)}`;
}

function evidence(x: ComplaintFacts): string {
  return [
    `The raw measurements are attached: ${x.attachments.join(', ')}. The .json file holds every session, stall, resolution change and per-second sample; the .csv files hold the same sessions and stalls for a spreadsheet.`,
    `SHA-256 digest of the evidence file: ${x.digest}`,
    'The file carries a SHA-256 hash chain over its records; changing any value changes this digest, which anyone can recompute (the format is documented with the file).',
    `Measured with StreamWitness ${x.generator.extensionVersion} in ${x.generator.browser} ${x.generator.browserVersion} on ${x.generator.os}; times are local with their UTC offset; exported ${x.generatedAt}.`,
  ].join('\n');
}

export const EN: Blocks = {
  lang: 'en',
  locale: 'en-US',
  fill,
  period: (x) => span(x.subject.first, x.subject.last, 'to'),
  days: (x) => dayRange(x.subject.first, x.subject.last),
  issue: (x) =>
    issueOf(x, ['repeated video stalls', 'video held at low resolution', 'video playback quality']),
  services: (x) => N.list(x.subject.serviceNames),
  isp: (x) => x.isp ?? fill('ISP NAME'),
  plan: (x) =>
    x.planDownKbps !== null
      ? `${numbers('en-US', '').kbps(x.planDownKbps)} download (${fill('PLAN NAME')})`
      : fill('PLAN NAME AND DOWNLOAD SPEED'),
  measured: (x) => {
    const comparison = comparisonText(x);
    return `${bullet(measuredLines(x))}\n\nSessions:\n${sessionLines(x)}${comparison ? `\n\n${comparison}` : ''}${verdictText(x, 'en', N, 'en-US')}`;
  },
  suggests,
  caveats,
  evidence,
  signature: `${fill('YOUR NAME')}\n${fill('PHONE OR EMAIL')}`,
};
