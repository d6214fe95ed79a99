/**
 * Days and times as the viewer saw them. A session is shown at the wall-clock time where it was
 * watched (its own tzOffsetMin), so the evening of a trip abroad stays that evening; formatting runs
 * in UTC on the shifted instant, which makes it independent of the machine's current time zone.
 */
export const DAY_MS = 86_400_000;

const shifted = (t: number, tzOffsetMin: number) => new Date(t + tzOffsetMin * 60_000);

// Building an Intl formatter costs far more than using one; a list of 50 rows reuses a few.
const formatters = new Map<string, Intl.DateTimeFormat>();

function dtf(locale: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** 'YYYY-MM-DD' of the local day the session started. */
export function dayKey(t: number, tzOffsetMin: number): string {
  return shifted(t, tzOffsetMin).toISOString().slice(0, 10);
}

/** 'Tue, Nov 25, 2025' (locale order) for a 'YYYY-MM-DD' key. */
export function dayLabel(day: string, locale?: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(t)) return day;
  return dtf(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(t);
}

/** '20:15' or '8:15 PM', as the locale writes a time of day. */
export function timeLabel(t: number, tzOffsetMin: number, locale?: string): string {
  return dtf(locale, { hour: 'numeric', minute: '2-digit' }).format(shifted(t, tzOffsetMin));
}

export function dateTimeLabel(t: number, tzOffsetMin: number, locale?: string): string {
  return `${dayLabel(dayKey(t, tzOffsetMin), locale)}, ${timeLabel(t, tzOffsetMin, locale)}`;
}

export interface DayGroup<T> {
  day: string;
  items: T[];
}

/** Consecutive runs by local day, keeping the input order (the store lists newest first). */
export function groupByDay<T extends { startedAt: number; tzOffsetMin: number }>(items: T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  const byDay = new Map<string, DayGroup<T>>();
  for (const item of items) {
    const day = dayKey(item.startedAt, item.tzOffsetMin);
    let group = byDay.get(day);
    if (!group) {
      group = { day, items: [] };
      byDay.set(day, group);
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/**
 * The epoch range [from, to) of a date filter's 'YYYY-MM-DD' days, inclusive of the whole `toDay`,
 * at `tzOffsetMin` (minutes east of UTC). An empty or malformed day leaves that end open.
 */
export function dayRange(
  fromDay: string,
  toDay: string,
  tzOffsetMin: number,
): { from?: number; to?: number } {
  const start = (day: string) => {
    const t = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
    return Number.isFinite(t) ? t - tzOffsetMin * 60_000 : undefined;
  };
  const from = start(fromDay);
  const toStart = start(toDay);
  return {
    ...(from === undefined ? {} : { from }),
    ...(toStart === undefined ? {} : { to: toStart + DAY_MS }),
  };
}
