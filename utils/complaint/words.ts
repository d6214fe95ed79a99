/**
 * Shared pieces for the letter texts: fill-in markers, numbers in the letter's locale, time spans from
 * the evidence file's ISO strings (which already carry each session's own offset).
 */

import type { Stall } from '../evidence/schema';
import { stampOf, utcLabelOf } from '../evidence/time';
import { formatDuration, formatKbps, formatPercent } from '../metrics/format';
import type { ComplaintFacts } from './facts';
import type { ServiceFacts } from './roles';

/** Suffixes of the markers left for details only the user knows, by letter language. */
export const FILL_IN_SUFFIXES = { en: 'fill in', de: 'ausfüllen', fr: 'à compléter' } as const;
export type LetterLang = keyof typeof FILL_IN_SUFFIXES;

/** Finds every fill-in marker, in any letter language: '[ACCOUNT NUMBER — fill in]'. */
export const FILL_IN_PATTERN = /\[[^[\]\n]+ — (?:fill in|ausfüllen|à compléter)\]/g;

export const fillIn = (lang: LetterLang, label: string) => `[${label} — ${FILL_IN_SUFFIXES[lang]}]`;

export function findFillIns(text: string): string[] {
  return text.match(FILL_IN_PATTERN) ?? [];
}

export interface Numbers {
  kbps: (v: number | null) => string;
  dur: (ms: number) => string;
  pct: (f: number | null) => string;
  int: (n: number) => string;
  /** '1 stall', '3 stalls', '0 coupure': the form the locale's plural rule picks for `n`. */
  count: (n: number, one: string, other: string) => string;
  /** 'Netflix and YouTube', 'Netflix und YouTube', 'Netflix et YouTube'. */
  list: (items: readonly string[]) => string;
}

export function numbers(locale: string, unknown: string): Numbers {
  const ints = new Intl.NumberFormat(locale);
  const rules = new Intl.PluralRules(locale);
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    kbps: (v) => (v === null ? unknown : formatKbps(v, locale)),
    dur: (ms) => formatDuration(ms, locale),
    pct: (f) => (f === null ? unknown : formatPercent(f, locale, f < 0.1 ? 1 : 0)),
    int: (n) => ints.format(n),
    count: (n, one, other) => `${ints.format(n)} ${rules.select(n) === 'one' ? one : other}`,
    list: (items) => lists.format(items),
  };
}

/** '2026-11-20 19:02 to 2026-11-25 22:40 (UTC+01:00)', one offset when both ends share it. */
export function span(first: string | null, last: string | null, joiner: string): string {
  if (!first || !last) return '';
  const [a, b] = [utcLabelOf(first), utcLabelOf(last)];
  if (a === b) return `${stampOf(first)} ${joiner} ${stampOf(last)} (${a})`;
  return `${stampOf(first)} ${a} ${joiner} ${stampOf(last)} ${b}`;
}

/** '2026-11-25 20:15–21:02 UTC+01:00' for one session. */
export function sessionSpan(start: string, end: string | null): string {
  if (!end) return `${stampOf(start)} ${utcLabelOf(start)}`;
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${stampOf(start)}–${sameDay ? end.slice(11, 16) : stampOf(end)} ${utcLabelOf(start)}`;
}

export const bullet = (lines: readonly string[]) => lines.map((l) => `- ${l}`).join('\n');

/** '2026-11-20 – 2026-11-22', or one day: for subject lines, where a full span is too long. */
export function dayRange(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  const [a, b] = [first.slice(0, 10), last.slice(0, 10)];
  return a === b ? a : `${a} – ${b}`;
}

/** [repeated stalls, low resolution, neither]: picks the phrase the figures support. */
export function issueOf(x: ComplaintFacts, phrases: readonly [string, string, string]): string {
  if (x.subject.stallCount >= 2) return phrases[0];
  if (x.subject.share720 !== null && x.subject.share720 < 0.5) return phrases[1];
  return phrases[2];
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How many stalls a session's line lists by time; the attachments hold every one. */
export const MAX_LISTED_STALLS = 10;

export interface StallTimeWords {
  /** 'starting at', 'Beginn um', 'début à'. */
  lead: string;
  dur: (ms: number) => string;
  /** Marks a stall with video already buffered (a device hold-up rather than the network). */
  device: string;
  /** '…and 3 more in the attached files'. */
  more: (n: number) => string;
}

/**
 * 'starting at 20:15:03 (4.2 s), 20:16:40 (1.4 s)': each stall's local wall-clock time, read from
 * the ISO string (which carries the session's own offset, stated once on the session line). A stall on
 * a later day than the session start shows its date too. Empty when the session has no stalls.
 */
export function stallTimes(stalls: readonly Stall[], sessionStart: string, w: StallTimeWords): string {
  if (stalls.length === 0) return '';
  const day = sessionStart.slice(0, 10);
  const items = stalls.slice(0, MAX_LISTED_STALLS).map((st) => {
    const at =
      st.start.slice(0, 10) === day
        ? st.start.slice(11, 19)
        : `${st.start.slice(0, 10)} ${st.start.slice(11, 19)}`;
    return `${at} (${w.dur(st.durationMs)}${st.cause === 'decoder' ? `; ${w.device}` : ''})`;
  });
  const rest = stalls.length - items.length;
  return `${w.lead} ${items.join(', ')}${rest > 0 ? ` ${w.more(rest)}` : ''}`;
}

/**
 * The subject services that had a problem, grouped by the words `phrase` gives each: 'some
 * interruptions for Netflix and Disney+; mostly low picture quality for Max'. A service without a
 * problem gets no phrase, so nothing is claimed about it.
 */
export function byPhrase(
  services: readonly ServiceFacts[],
  phrase: (s: ServiceFacts) => string,
): Array<{ phrase: string; names: string[] }> {
  const out: Array<{ phrase: string; names: string[] }> = [];
  for (const s of services) {
    if (s.severity === 'none') continue;
    const p = phrase(s);
    const group = out.find((g) => g.phrase === p);
    if (group) group.names.push(s.serviceName);
    else out.push({ phrase: p, names: [s.serviceName] });
  }
  return out;
}
