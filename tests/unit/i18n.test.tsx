import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryList } from '@/components/history-list';
import { NowPlaying, WatchSite } from '@/components/now-playing';
import { formErrorText, OptionsForm } from '@/components/options-form';
import { SessionDetailView } from '@/components/session-detail';
import { SettingsProblems } from '@/components/settings-problems';
import { WatchedSite } from '@/components/site-access';
import { StatusNotes } from '@/components/status-notes';
import { WatchedSites } from '@/components/watched-sites';
import { badgeTitle } from '@/entrypoints/background/badge-title';
import { t, tn, uiLocale } from '@/utils/i18n';
import { badgeFor } from '@/utils/metrics/badge';
import { DEFAULT_SETTINGS, toForm } from '@/utils/settings/schema';
import { CATALOGS, type Catalog, type Lang, useCatalog } from './catalogs';
import { exampleAgg, live, mount, sample, session, stallEvent, T0, text } from './components/fixtures';

const LANGS = Object.keys(CATALOGS) as Lang[];
const ROOT = join(__dirname, '../..');
// Placeholder names are case-insensitive in Chrome and Firefox.
const defined = (entry: { placeholders?: Record<string, unknown> }) =>
  Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
const used = (message: string) =>
  new Set([...message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]?.toLowerCase()));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}
const CODE = [
  ...['components', 'entrypoints', 'utils'].flatMap((d) => sources(join(ROOT, d))),
  readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8'),
].join('\n');

afterEach(() => useCatalog('en', 'en-US'));

describe('catalogs', () => {
  const en: Catalog = CATALOGS.en;

  it.each(LANGS)('%s has exactly the English keys, the same placeholders, and no empty message', (lang) => {
    const cat: Catalog = CATALOGS[lang];
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(cat)) {
      const ref = en[key];
      expect(entry.message.trim(), `${lang}/${key}`).not.toBe('');
      expect(entry.placeholders, `${lang}/${key}`).toEqual(ref?.placeholders);
      // Every placeholder a message uses is defined, and each language uses the same ones.
      const names = used(entry.message);
      for (const n of names) expect(defined(entry), `${lang}/${key}: $${n}$`).toContain(n);
      expect(names, `${lang}/${key}`).toEqual(used(ref?.message ?? ''));
    }
  });

  it('fits the store limits for the name and description', () => {
    for (const lang of LANGS) {
      expect(CATALOGS[lang].extName?.message.length).toBeLessThanOrEqual(45);
      expect(CATALOGS[lang].extDescription?.message.length).toBeLessThanOrEqual(132);
    }
  });

  it('has every key the code asks for, and the code asks for every key', () => {
    const asked = [...CODE.matchAll(/\btn?\(\s*'(\w+)'/g)].map((m) => m[1] ?? '');
    expect(asked.length).toBeGreaterThan(100);
    for (const key of asked) {
      const exists = key in en || (`${key}_one` in en && `${key}_other` in en);
      expect(exists, `t('${key}') has no message`).toBe(true);
    }
    for (const key of Object.keys(en)) {
      const base = key.replace(/_(one|other)$/, '');
      const named =
        CODE.includes(`'${key}'`) || CODE.includes(`'${base}'`) || CODE.includes(`__MSG_${key}__`);
      expect(named, `${key} is never used`).toBe(true);
    }
  });
});

describe('t, tn and uiLocale', () => {
  it('writes numbers the way the UI language does and picks the plural form', () => {
    useCatalog('de', 'de-DE');
    expect(t('selectionMany', 1234)).toBe('1.234 Sitzungen');
    expect(tn('stalls', 1)).toBe('1 Unterbrechung');
    expect(tn('stalls', 3)).toBe('3 Unterbrechungen');
    useCatalog('es', 'es-ES');
    expect(tn('deletedHost', 2, 'www.netflix.com')).toBe('Se eliminaron 2 sesiones de www.netflix.com.');
  });

  it("keeps the browser's regional locale, but formats in the catalog's language when the UI has none", () => {
    useCatalog('de', 'de-AT');
    expect(uiLocale()).toBe('de-AT');
    // A French browser gets the English fallback catalog: English dates and numbers, not French ones.
    useCatalog('en', 'fr-FR');
    expect(uiLocale()).toBe('en');
  });

  it('words the toolbar tooltip in the UI language', () => {
    const b = badgeFor(live({ state: 'stalled', stalls: 2 }), Date.now());
    expect(badgeTitle(b)).toMatch(/^StreamWitness: Stalling now — .*, 2 stalls this session$/);
    useCatalog('de');
    expect(badgeTitle(b)).toMatch(
      /^StreamWitness: Gerade unterbrochen — .*, 2 Unterbrechungen in dieser Sitzung$/,
    );
  });
});

/** English words that must not survive in a Spanish or German render (whole words, any case). */
const ENGLISH =
  /\b(the|and|of|with|this|session|sessions|stall|stalls|delete|back|history|timeline|statistics|evidence|export|draft|complaint|watch|startup|score|formula|overall|picture|smoothness|loading|playing|hidden|dropped|resolution|throughput|mean|seeks|delivery|upscaling|highest|explanations|nothing|undone|unknown|records|could|read|set aside|intact|reason|older|stalling|buffer|ahead|saved|appear|watching|recorded)\b/i;

/** Further English words of the options page and the site-access notes. */
const ENGLISH_SETTINGS =
  /\b(settings|stored|save|provider|speed|days|badge|country|sites?|turned|stop|every|valid|used|choose|characters|whole|number|keep|raw|samples|toolbar|popup|your|data|recording|check|fields)\b/i;

/** Visible text and accessible names, without the formulas (code, not words). */
function words(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const code of copy.querySelectorAll('code')) code.remove();
  const labels = [...copy.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
  return `${copy.textContent} ${labels.join(' ')}`;
}

describe.each([
  ['es', 'es-ES'],
  ['de', 'de-DE'],
] as const)('a %s render', (lang, ui) => {
  const SID = 'i18n-session-1';
  const detail = () => ({
    session: session(SID, {
      rawPrunedAt: T0 + 60_000,
      agg: exampleAgg({ droppedFrames: 5000, hiddenMs: 600_000 }),
    }),
    samples: Array.from({ length: 60 }, (_, i) => sample(SID, i, i >= 30 ? { h: 720, w: 1280 } : {})),
    events: [stallEvent(SID, 100, T0 + 10_000, 2000), stallEvent(SID, 101, T0 + 40_000, 16_000)],
  });

  it('of the session detail has no English left, and Intl numbers and dates', () => {
    useCatalog(lang, ui);
    const locale = uiLocale();
    const el = mount(
      <SessionDetailView
        load={{ status: 'ready', detail: detail() }}
        onBack={() => {}}
        onEvidence={() => {}}
        onDeleteSession={async () => {}}
        onDeleteHost={async () => {}}
        locale={locale}
      />,
    );
    for (const f of el.querySelectorAll('details')) f.open = true;
    expect(words(el)).not.toMatch(ENGLISH);
    // 4.2 Mbps and 1.5 s with a decimal comma; the date in the locale's own words.
    expect(text(el, 'detail-bitrate')).toBe('4,2 Mbps');
    expect(text(el, 'detail-rebuffer')).toMatch(/^1\s?%$/);
    expect(text(el, 'detail-when')).toBe(
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(T0) +
        ', ' +
        new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(T0),
    );
    expect(text(el, 'detail-when')).not.toContain('Nov 25, 2025');
  });

  it('of now playing has no English left', () => {
    useCatalog(lang, ui);
    const locale = uiLocale();
    const snap = live({ state: 'stalled', updatedAt: T0 - 15_000 });
    const el = mount(
      <>
        <WatchSite host="" onWatch={() => {}} />
        <NowPlaying live={snap} now={T0} saved={exampleAgg()} locale={locale} />
        <NowPlaying live={null} now={T0} locale={locale} />
      </>,
    );
    expect(words(el)).not.toMatch(ENGLISH);
    expect(text(el, 'bitrate')).toMatch(/^\d+,\d Mbps$/);
  });

  it('of the history list and status notes has no English left', () => {
    useCatalog(lang, ui);
    const locale = uiLocale();
    const sessions = [session('i18n-a'), session('i18n-b', { startedAt: T0 - 86_400_000, preview: true })];
    const el = mount(
      <>
        <StatusNotes
          storage={{
            key: 'quota',
            state: 'pruned',
            lastPrunedAt: T0,
            prunedSamples: 12_000,
            prunedSessions: 3,
            message: 'English',
          }}
          quarantine={{ total: 2, byStore: { samples: 2 }, recent: [] }}
          tzOffsetMin={0}
          locale={locale}
        />
        <HistoryList
          load={{ status: 'ready', sessions, hasMore: true, loadingMore: false, moreError: 'AbortError' }}
          filtered={false}
          onOpen={() => {}}
          onMore={() => {}}
          onRetry={() => {}}
          locale={locale}
        />
      </>,
    );
    expect(words(el)).not.toMatch(ENGLISH);
    expect(text(el, 'storage-status')).toContain('12.000');
    expect(text(el, 'history-bitrate')).toBe('4,2 Mbps');
    expect(text(el, 'history-duration')).toBe('30 min 00 s');
  });

  it('of the options page and the site-access notes has no English left, and Intl numbers', () => {
    useCatalog(lang, ui);
    const locale = uiLocale();
    const noop = () => {};
    const actions = { onWatch: noop, onStop: noop, busy: false, error: t('stopRefused') };
    const optional = {
      kind: 'optional',
      host: 'video.example',
      granted: true,
      request: [] as string[],
      remove: [] as string[],
    } as const;
    const el = mount(
      <>
        <SettingsProblems
          problems={[
            { code: 'not-object' },
            { code: 'unknown-version', stored: '"x"' },
            { code: 'newer' },
            { code: 'unreadable', reason: 'QuotaExceededError' },
            ...(['isp', 'planDownKbps', 'country', 'sampleRetentionDays', 'badgeMode'] as const).map(
              (field) => ({ code: 'invalid-field', field, value: '-4' }) as const,
            ),
          ]}
        />
        {/* Template names are the letters' own titles, in the letter's language: not UI words. */}
        <OptionsForm
          value={toForm({ ...DEFAULT_SETTINGS, planDownKbps: 1_500 }, locale)}
          errors={{
            isp: 'too-long',
            planMbps: 'not-a-speed',
            country: 'not-a-country',
            sampleRetentionDays: 'not-days',
            badgeMode: 'not-a-choice',
          }}
          templateLabel="FCC"
          onChange={noop}
          onSave={noop}
          status={t('optNotSavedFields')}
        />
        <WatchedSites sites={['*://a.example/*']} onRemove={noop} error={t('stopRefused')} />
        <WatchedSites sites={[]} onRemove={noop} error={null} />
        <WatchedSite
          access={{ ...optional, broad: null, remove: ['*://video.example/*'] }}
          actions={actions}
        />
        <WatchedSite access={{ ...optional, broad: '*://*/*' }} actions={actions} />
        <WatchedSite access={{ ...optional, broad: '*://*.example/*' }} actions={actions} />
        <p>{t('watchRefused')}</p>
      </>,
    );
    const all = words(el);
    expect(all).not.toMatch(ENGLISH);
    expect(all).not.toMatch(ENGLISH_SETTINGS);
    // Numbers the way the language writes them: a decimal comma, and the locale's grouping (3.650 in de).
    expect((el.querySelector('[data-testid="opt-planMbps"]') as HTMLInputElement).value).toBe('1,5');
    expect(text(el, 'error-planMbps')).toContain('0,5');
    expect(formErrorText('not-days')).toContain(new Intl.NumberFormat(locale).format(3650));
    expect(text(el, 'watched-site')).toContain('video.example');
  });
});
