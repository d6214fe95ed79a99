import { describe, expect, it } from 'vitest';
import {
  csvCell,
  SESSION_COLUMNS,
  STALL_COLUMNS,
  sessionsCsv,
  stallsCsv,
  toCsv,
} from '../../../utils/evidence/csv';
import { buildFixture } from './fixtures';

/**
 * An RFC 4180 reader as a state machine, independent of the writer: fields separated by commas,
 * records by CRLF, a quoted field may hold commas, CR, LF and doubled quotes.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' = 'start';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'quoted') {
      if (c === '"') state = 'quote-in-quoted';
      else field += c;
      continue;
    }
    if (state === 'quote-in-quoted') {
      if (c === '"') {
        field += '"';
        state = 'quoted';
        continue;
      }
      state = 'plain';
    }
    if (c === '"' && state === 'start') state = 'quoted';
    else if (c === '"') throw new Error(`stray quote at ${i}`);
    else if (c === ',') {
      row.push(field);
      field = '';
      state = 'start';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      state = 'start';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    else {
      field += c;
      state = 'plain';
    }
  }
  if (state === 'quoted') throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

const records = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i]])));
};

describe('CSV export', () => {
  it('sessions.csv parses into the documented columns, one row per session', async () => {
    const file = await buildFixture();
    const rows = parseCsv(sessionsCsv(file));
    expect(rows[0]).toEqual([...SESSION_COLUMNS]);
    expect(rows).toHaveLength(file.sessions.length + 1);
    for (const r of rows) expect(r).toHaveLength(SESSION_COLUMNS.length);
    const first = records(sessionsCsv(file))[0];
    expect(first).toMatchObject({
      session_id: 'nflx-0001-aaaa',
      role: 'subject',
      service: 'Netflix',
      page_host: 'www.netflix.com',
      start: '2026-11-20T20:00:00.000+01:00',
      end: '2026-11-20T20:20:00.000+01:00',
      stall_count: '3',
      stall_total_s: '19',
      avg_bitrate_kbps: '2126',
      time_at_720p_or_more_pct: '25.02',
      confounders: 'upscaled timing-hidden',
      record_sha256: file.chain.recordHashes[0],
    });
  });

  it('stalls.csv has one row per stall with ISO start, duration and cause', async () => {
    const file = await buildFixture();
    const rows = records(stallsCsv(file));
    expect(parseCsv(stallsCsv(file))[0]).toEqual([...STALL_COLUMNS]);
    expect(rows).toHaveLength(file.sessions.reduce((n, s) => n + s.stalls.length, 0));
    expect(rows[4]).toEqual({
      session_id: 'nflx-0002-bbbb',
      service: 'Netflix',
      page_host: 'www.netflix.com',
      stall_start: '2026-11-21T21:08:20.000+01:00',
      duration_ms: '3000',
      cause: 'decoder',
      buffer_ahead_s: '8',
      media_time_s: '500',
      tab_hidden: 'false',
    });
  });

  it('quotes commas, quotes and line breaks per RFC 4180 and reads them back intact', () => {
    const tricky = ['a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', '', 'plain'];
    const text = toCsv(['x', 'y', 'z', 'w', 'v', 'u'], [tricky]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)[1]).toEqual(tricky);
  });

  it('defuses formula injection in text cells, and leaves numbers as numbers', () => {
    for (const danger of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB']) {
      const cell = csvCell(danger);
      const read = parseCsv(`${cell}\r\n`)[0]?.[0];
      expect(read?.startsWith("'"), danger).toBe(true);
      expect(read?.slice(1)).toBe(danger);
    }
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('safe text')).toBe('safe text');
  });
});
