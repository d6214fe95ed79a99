/**
 * "Compare services": the cross-service verdicts of utils/analysis in plain words, each with the figures
 * behind it and what weakens it, then each service's own numbers (evenings against the rest of the day,
 * achieved against best bitrate, serving hosts). Renders a comparison summary; reads nothing itself.
 */
import type { ComponentChildren } from 'preact';
import './compare-view.css';
import type { ComparisonResult } from '@/utils/analysis/load';
import type { ComparisonSummary, PairSummary, ServiceSummary } from '@/utils/analysis/summary';
import type { ReasonCode } from '@/utils/analysis/wehe';
import { type MessageKey, t, tn } from '@/utils/i18n';
import type { ConfounderKind } from '@/utils/metrics/confounders';
import { formatKbps, formatNumber, formatPercent } from '@/utils/metrics/format';
import type { Service } from '@/utils/schema/playback';
import { serviceName } from '@/utils/sites';

export type CompareLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; result: ComparisonResult };

/** 'netflix' → "Netflix"; 'other:example.org' → "example.org". */
export function keyName(key: string): string {
  return key.startsWith('other:') ? key.slice(6) : serviceName(key as Service);
}

const CONFOUNDER_WORDS: Record<ConfounderKind, MessageKey> = {
  'dropped-frames': 'cmpConfDropped',
  'small-player': 'cmpConfSmall',
  'hidden-tab': 'cmpConfHidden',
  'resolution-cap': 'cmpConfCap',
  'codec-change': 'cmpConfCodec',
  wireless: 'cmpConfWireless',
  'mixed-connections': 'cmpConfMixed',
  'request-size': 'cmpConfRequestSize',
  'throughput-source': 'cmpConfSource',
  'decoder-stalls': 'cmpConfDecoder',
  upscaled: 'cmpConfUpscaled',
  'playback-rate': 'cmpConfRate',
  'short-session': 'cmpConfShort',
  'timing-hidden': 'cmpConfTimingHidden',
  'no-bitrate': 'cmpConfNoBitrate',
  preview: 'cmpConfPreview',
  'raw-samples-pruned': 'cmpConfPruned',
};

function has(p: PairSummary, code: ReasonCode): boolean {
  return p.reasons.includes(code);
}

/** Headline and explanation of one pair's verdict. */
export function pairWords(
  p: PairSummary,
  rules: Pick<ComparisonSummary, 'minSamples' | 'minSessions'>,
  locale?: string,
): { title: string; body: string } {
  const a = keyName(p.a);
  const b = keyName(p.b);
  const ma = p.medianKbps.a;
  const mb = p.medianKbps.b;
  if (p.verdict === 'differentiation') {
    const slowIsA = p.slower === p.a;
    const [slow, fast] = slowIsA ? [a, b] : [b, a];
    const [ms, mf] = slowIsA ? [ma, mb] : [mb, ma];
    return {
      title: t('cmpDiffTitle', slow, fast),
      body: t('cmpDiffBody', slow, formatKbps(ms, locale), formatKbps(mf, locale), fast),
    };
  }
  if (p.verdict === 'no-differentiation') {
    return {
      title: t('cmpNoneTitle', a, b),
      body: t('cmpNoneBody', formatKbps(ma, locale), formatKbps(mb, locale)),
    };
  }
  const title = t('cmpOpenTitle', a, b);
  if (has(p, 'no-overlap')) return { title, body: t('cmpWhyNoOverlap') };
  if (has(p, 'no-throughput')) return { title, body: t('cmpWhyNoThroughput') };
  if (has(p, 'too-few-sessions')) return { title, body: t('cmpWhyFewSessions', rules.minSessions) };
  if (has(p, 'too-few-samples'))
    return { title, body: t('cmpWhyFewSamples', p.n.a, p.n.b, rules.minSamples) };
  if (has(p, 'area-only'))
    return { title, body: t('cmpWhyAreaOnly', formatKbps(ma, locale), formatKbps(mb, locale)) };
  return { title, body: t('cmpWhyKsOnly', formatKbps(ma, locale), formatKbps(mb, locale)) };
}

function Figures({ p, rules, locale }: { p: PairSummary; rules: ComparisonSummary; locale?: string }) {
  return (
    <p class="muted small" data-testid="pair-figures">
      {t(
        'cmpFigures',
        p.area === null ? '–' : formatNumber(p.area, locale, 2),
        formatNumber(rules.areaThreshold, locale, 1),
        p.p === null ? '–' : p.p < 0.0001 ? '< 0.0001' : formatNumber(p.p, locale, 4),
        formatNumber(rules.pThreshold, locale, 2),
        p.n.a,
        p.n.b,
        p.sessions.a,
        p.sessions.b,
      )}{' '}
      {tn('cmpSharedHours', p.sharedHours)}
    </p>
  );
}

function Weakeners({ p }: { p: PairSummary }) {
  const kinds = p.confounders;
  const wired = has(p, 'connection-unknown');
  if (kinds.length === 0 && !wired) return null;
  return (
    <div class="note warn small" data-testid="pair-confounders">
      {kinds.length > 0 && (
        <>
          <strong>{t('cmpWeakenedBy')}</strong> {kinds.map((k) => t(CONFOUNDER_WORDS[k])).join('; ')}.
        </>
      )}
      {wired && <> {t('cmpConfirmWired')}</>}
    </div>
  );
}

function PairCard({ p, rules, locale }: { p: PairSummary; rules: ComparisonSummary; locale?: string }) {
  const words = pairWords(p, rules, locale);
  const tone = p.verdict === 'differentiation' ? 'bad' : p.verdict === 'no-differentiation' ? 'good' : '';
  return (
    <li
      class={`pair ${tone}`}
      data-testid="pair"
      data-verdict={p.verdict}
      data-a={p.a}
      data-b={p.b}
      data-slower={p.slower ?? ''}
    >
      <h3>
        <span class="verdict-mark" aria-hidden="true">
          {p.verdict === 'differentiation' ? '⚠' : p.verdict === 'no-differentiation' ? '✓' : '…'}
        </span>{' '}
        {words.title}
      </h3>
      <p>{words.body}</p>
      <Figures p={p} rules={rules} locale={locale} />
      <Weakeners p={p} />
    </li>
  );
}

function ServiceCard({ s, locale }: { s: ServiceSummary; locale?: string }) {
  const e = s.evening;
  const eveningsWorse = e.verdict === 'differentiation' && (e.throughputKbps ?? 0) < (e.restKbps ?? 0);
  return (
    <li class="service" data-testid="service" data-key={s.key}>
      <h3>
        {keyName(s.key)} <span class="muted small">{tn('cmpSessions', s.sessions)}</span>
      </h3>
      <dl class="service-figures">
        <dt>{t('cmpThroughput')}</dt>
        <dd data-testid="service-throughput" data-kbps={s.throughputKbps ?? ''}>
          {formatKbps(s.throughputKbps, locale)}
        </dd>
        <dt>{t('cmpBitrate')}</dt>
        <dd>
          {formatKbps(s.bitrateKbps, locale)}
          {s.share !== null && (
            <>
              {' '}
              <span class="muted">
                {t(
                  s.bestSource === 'cmcd' ? 'cmpShareCmcd' : 'cmpShareSeen',
                  formatPercent(s.share, locale, 0),
                  formatKbps(s.bestKbps, locale),
                )}
              </span>
            </>
          )}
        </dd>
        <dt>{t('cmpEvenings', e.fromHour, e.toHour)}</dt>
        <dd>
          {formatKbps(e.throughputKbps, locale)}
          {e.share !== null && ` · ${t('cmpOfBest', formatPercent(e.share, locale, 0))}`}{' '}
          <span class="muted">
            {t(
              'cmpRestOfDay',
              e.restShare === null
                ? formatKbps(e.restKbps, locale)
                : `${formatKbps(e.restKbps, locale)} · ${t('cmpOfBest', formatPercent(e.restShare, locale, 0))}`,
            )}
          </span>
        </dd>
        {s.servingHosts.length > 0 && (
          <>
            <dt>{t('cmpServedBy')}</dt>
            <dd class="hosts">
              {s.servingHosts
                .slice(0, 3)
                .map((h) => `${h.host} (${h.sessions})`)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {eveningsWorse && (
        <p class="note warn small" data-testid="evenings-worse">
          {t('cmpEveningsWorse', keyName(s.key))}
        </p>
      )}
    </li>
  );
}

export function CompareView({ load, locale, days }: { load: CompareLoad; locale?: string; days?: number }) {
  if (load.status === 'loading') {
    return (
      <p class="muted" role="status" data-testid="compare-loading">
        {t('cmpLoading')}
      </p>
    );
  }
  if (load.status === 'error') {
    return (
      <p class="note bad" role="alert" data-testid="compare-error">
        {t('cmpError', load.message)}
      </p>
    );
  }
  const { summary, sessionsRead, truncated } = load.result;
  return (
    <ComparisonSection summary={summary} locale={locale}>
      <p class="muted small">
        {days === undefined ? tn('cmpIntroScope', sessionsRead) : tn('cmpIntro', sessionsRead, days)}{' '}
        {t('cmpSameHours')}
      </p>
      {truncated && <p class="note warn small">{t('cmpTruncated', sessionsRead)}</p>}
    </ComparisonSection>
  );
}

/** The verdicts and per-service figures of a summary, under `children` (what was read). */
export function ComparisonSection({
  summary,
  locale,
  children,
}: {
  summary: ComparisonSummary;
  locale?: string | undefined;
  children?: ComponentChildren;
}) {
  const report = summary;
  const pairs = [...report.pairs].sort(
    (x, y) => rank(x) - rank(y) || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1),
  );
  return (
    <section class="compare" data-testid="compare" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('cmpTitle')}</h2>
      {children}
      {report.services.length === 0 ? (
        <p class="empty" data-testid="compare-empty">
          {t('cmpEmpty')}
        </p>
      ) : report.services.length === 1 ? (
        <p class="empty" data-testid="compare-one">
          {t('cmpOne', keyName(report.services[0]?.key ?? ''))}
        </p>
      ) : (
        <ul class="pairs" aria-label={t('cmpPairsLabel')}>
          {pairs.map((p) => (
            <PairCard key={`${p.a}|${p.b}`} p={p} rules={summary} locale={locale} />
          ))}
        </ul>
      )}
      {report.services.length > 0 && (
        <>
          <h2>{t('cmpPerService')}</h2>
          <ul class="services">
            {report.services.map((s) => (
              <ServiceCard key={s.key} s={s} locale={locale} />
            ))}
          </ul>
        </>
      )}
      <p class="muted small">{t('cmpMethod')}</p>
    </section>
  );
}

/** Differentiation first, then undecided, then clean. */
function rank(p: PairSummary): number {
  return p.verdict === 'differentiation' ? 0 : p.verdict === 'inconclusive' ? 1 : 2;
}
