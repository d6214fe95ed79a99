/**
 * Numbers as the UI shows them. Digits follow the locale (Intl.NumberFormat); units stay SI symbols
 * (ms, s, min, h, kbps, Mbps), which read the same in every language. Unknown values show as '—'.
 */
export const UNKNOWN = '—';

// Building an Intl formatter costs far more than using one: keep one per locale and options.
const formatters = new Map<string, Intl.NumberFormat>();

function nf(locale: string | undefined, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, opts);
    } catch {
      // A malformed locale tag throws RangeError; the user still deserves the number.
      f = new Intl.NumberFormat('en-US', opts);
    }
    formatters.set(key, f);
  }
  return f;
}

const int = (locale?: string) => nf(locale, { maximumFractionDigits: 0 });
const two = (locale?: string) => nf(locale, { minimumIntegerDigits: 2, maximumFractionDigits: 0 });

/** '850 ms', '4.5 s', '45 s', '3 min 05 s', '1 h 02 min'. */
export function formatDuration(ms: number | null, locale?: string): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return UNKNOWN;
  if (Math.round(ms) < 1000) return `${int(locale).format(Math.round(ms))} ms`;
  const tenths = Math.round(ms / 100) / 10;
  if (tenths < 10)
    return `${nf(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths)} s`;
  const secs = Math.round(ms / 1000);
  if (secs < 60) return `${int(locale).format(secs)} s`;
  if (secs < 3600)
    return `${int(locale).format(Math.floor(secs / 60))} min ${two(locale).format(secs % 60)} s`;
  const mins = Math.round(ms / 60_000);
  return `${int(locale).format(Math.floor(mins / 60))} h ${two(locale).format(mins % 60)} min`;
}

/** '850 kbps', '2.5 Mbps', '150 Mbps'. */
export function formatKbps(kbps: number | null, locale?: string): string {
  if (kbps === null || !Number.isFinite(kbps) || kbps < 0) return UNKNOWN;
  if (Math.round(kbps) < 1000) return `${int(locale).format(Math.round(kbps))} kbps`;
  const mbps = kbps / 1000;
  return `${nf(locale, { maximumFractionDigits: mbps < 99.95 ? 1 : 0 }).format(mbps)} Mbps`;
}

/** '1280×720'. */
export function formatResolution(w: number, h: number): string {
  if (!(w > 0) || !(h > 0) || !Number.isFinite(w * h)) return UNKNOWN;
  return `${Math.round(w)}×${Math.round(h)}`;
}

/** A fraction (0.125) as the locale writes a percentage ('12.5%', '12,5 %'). */
export function formatPercent(fraction: number | null, locale?: string, maxDigits = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return UNKNOWN;
  return nf(locale, { style: 'percent', maximumFractionDigits: maxDigits }).format(fraction);
}

/** A plain number as the locale writes it ('1,234', '1.234'), with exactly `digits` decimals. */
export function formatNumber(n: number | null, locale?: string, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return UNKNOWN;
  return nf(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}
