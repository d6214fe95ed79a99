/**
 * Times as evidence shows them: ISO 8601 with the offset the session was recorded in, so a reader in
 * another timezone sees the wall-clock time the viewer saw. Pure: epoch ms and an offset in, text out.
 */

/** '+01:00', '-05:30', '+00:00'. `offsetMin` is minutes east of UTC (as SessionMeta.tzOffsetMin). */
export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMin));
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** '2026-11-25T20:15:03.250+01:00': millisecond precision, always with an explicit offset. */
export function isoWithOffset(epochMs: number, offsetMin: number): string {
  const local = new Date(Math.round(epochMs) + Math.round(offsetMin) * 60_000).toISOString();
  return `${local.slice(0, 23)}${formatOffset(offsetMin)}`;
}

/** Local calendar day 'YYYY-MM-DD' at the offset. */
export function localDay(epochMs: number, offsetMin: number): string {
  return isoWithOffset(epochMs, offsetMin).slice(0, 10);
}

/** Local hour of day 0–23 at the offset. */
export function localHour(epochMs: number, offsetMin: number): number {
  return Number(isoWithOffset(epochMs, offsetMin).slice(11, 13));
}

/** The offset this machine has at an instant (minutes east of UTC; Date#getTimezoneOffset has it west). */
export function machineOffsetMin(epochMs: number): number {
  const west = new Date(epochMs).getTimezoneOffset();
  return west === 0 ? 0 : -west;
}

/** 'YYYY-MM-DD' → epoch ms of that local midnight at `offsetMin`; null when not a real date. */
export function parseLocalDay(day: string, offsetMin: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - offsetMin * 60_000;
}

/** '2026-11-25 20:15' from an ISO string made by isoWithOffset (no reparse, so no timezone drift). */
export function stampOf(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** 'UTC+01:00' from an ISO string with an offset ('Z' reads as UTC+00:00). */
export function utcLabelOf(iso: string): string {
  const off = iso.endsWith('Z') ? '+00:00' : iso.slice(-6);
  return `UTC${off}`;
}
