import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEvidence, headerOf, serializeEvidence } from '../../../utils/evidence/build';
import { evidenceNames } from '../../../utils/evidence/names';
import { EvidenceFile, evidenceJsonSchema, SAMPLE_COLUMNS } from '../../../utils/evidence/schema';
import { scopeOf } from '../../../utils/evidence/scope';
import { SCORE_FORMULA_VERSION } from '../../../utils/metrics/scores';
import { buildFixture, ENV, GENERATED_AT, netflix, SETTINGS, session, T0, TZ, youtube } from './fixtures';

describe('evidence export', () => {
  it('validates against its own schema and survives a JSON round trip unchanged', async () => {
    const file = await buildFixture();
    expect(EvidenceFile.safeParse(file).success).toBe(true);
    const back = JSON.parse(serializeEvidence(file));
    expect(back).toEqual(file);
    expect(EvidenceFile.parse(back)).toEqual(file);
  });

  it('carries the environment, the stated ISP and plan, and the scope', async () => {
    const file = await buildFixture();
    expect(file.format).toBe('streamwitness-evidence');
    expect(file.formatVersion).toBe(3);
    expect(file.generatedAt).toBe('2026-11-23T20:00:00.000+01:00');
    expect(file.generator).toEqual({ name: 'StreamWitness', ...ENV });
    expect(file.subscriber).toEqual({ isp: 'Example Telecom', planDownKbps: 100_000, country: 'DE' });
    expect(file.scope).toMatchObject({ kind: 'range', service: 'netflix', comparisonMarginMin: 60 });
    expect(file.scoreFormulas.version).toBe(SCORE_FORMULA_VERSION);
  });

  it('orders records oldest first and marks comparison sessions', async () => {
    const file = await buildFixture();
    expect(file.sessions.map((s) => [s.id, s.role])).toEqual([
      ['nflx-0001-aaaa', 'subject'],
      ['ytb-0001-dddd', 'comparison'],
      ['nflx-0002-bbbb', 'subject'],
      ['nflx-0003-cccc', 'subject'],
    ]);
  });

  it('writes every time as ISO 8601 with the session’s own offset', async () => {
    const tokyo = session({
      id: 'tokyo-0001-xx',
      service: 'youtube',
      host: 'www.youtube.com',
      start: T0,
      seconds: 5,
      tz: 540,
    });
    const newYork = session({
      id: 'nyc-00001-xx',
      service: 'youtube',
      host: 'www.youtube.com',
      start: T0,
      seconds: 5,
      tz: -300,
      stalls: [[2, 1000, 'network']],
    });
    const file = await buildEvidence({
      subjects: [tokyo, newYork],
      settings: {},
      env: ENV,
      scope: scopeOf({ kind: 'sessions', ids: ['tokyo-0001-xx', 'nyc-00001-xx'] }, TZ),
      generatedAt: GENERATED_AT,
    });
    const byId = Object.fromEntries(file.sessions.map((s) => [s.id, s]));
    expect(byId['tokyo-0001-xx']?.start).toBe('2026-11-21T04:00:00.000+09:00');
    expect(byId['nyc-00001-xx']?.start).toBe('2026-11-20T14:00:00.000-05:00');
    expect(byId['nyc-00001-xx']?.stalls[0]?.start).toBe('2026-11-20T14:00:02.000-05:00');
    expect(Date.parse(byId['tokyo-0001-xx']?.start ?? '')).toBe(T0);
  });

  it('holds stalls with start, duration and cause; the resolution timeline; samples; throughput per host', async () => {
    const file = await buildFixture();
    const first = file.sessions[0];
    expect(first?.stalls.map((s) => [s.start, s.durationMs, s.cause])).toEqual([
      ['2026-11-20T20:01:40.000+01:00', 4000, 'network'],
      ['2026-11-20T20:06:40.000+01:00', 12_500, 'network'],
      ['2026-11-20T20:15:00.000+01:00', 2500, 'network'],
    ]);
    expect(first?.resolutionChanges).toEqual([
      expect.objectContaining({
        at: '2026-11-20T20:05:00.000+01:00',
        fromHeight: 1080,
        height: 480,
        drop: true,
      }),
    ]);
    expect(first?.samples.columns).toEqual([...SAMPLE_COLUMNS]);
    expect(first?.samples.rows).toHaveLength(1200);
    expect(first?.samples.rows[400]?.slice(0, 6)).toEqual([400_000, 'stalled', 1100, 9000, 853, 480]);
    expect(first?.summary).toMatchObject({
      stallCount: 3,
      stallMs: 19_000,
      droppedFrames: 0,
      decodedFrames: 36_000,
    });
    expect(first?.throughputByHost).toEqual([
      {
        host: 'ipv4-c001.oca.nflxvideo.net',
        requests: 1,
        timedRequests: 1,
        bytes: 2_000_000,
        transferMs: 800,
        meanKbps: 20_000,
      },
      {
        host: 'ipv4-c002.oca.nflxvideo.net',
        requests: 1,
        timedRequests: 0,
        bytes: 0,
        transferMs: 0,
        meanKbps: null,
      },
    ]);
    expect(first?.scores.formulaVersion).toBe(SCORE_FORMULA_VERSION);
    expect(first?.scores.overall).toBeGreaterThan(0);
  });

  it('keeps hostnames only: no scheme, path or query reaches the file', async () => {
    const file = await buildFixture();
    const text = serializeEvidence(file);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toContain('/range/');
    expect(text).not.toContain('?o=1');
    for (const s of file.sessions) {
      for (const h of [s.pageHost, s.frameHost, ...s.throughputByHost.map((t) => t.host)]) {
        expect(h).toMatch(/^[a-z0-9.-]+$/);
      }
    }
  });

  it('names the confounders that apply to each session, and only those', async () => {
    const file = await buildFixture();
    const codes = Object.fromEntries(file.sessions.map((s) => [s.id, s.confounders.map((c) => c.code)]));
    // 480p on a 1920×1080 player for three quarters of the time: upscaled 2.25× there (mean ≥ 0.5).
    expect(codes['nflx-0001-aaaa']).toEqual(['upscaled', 'timing-hidden']);
    // 720p on a 1080-line player: upscaled 1.5×, exactly the threshold.
    expect(codes['nflx-0002-bbbb']).toEqual(['decoder-stalls', 'hidden-tab', 'upscaled']);
    expect(codes['nflx-0003-cccc']).toEqual(['upscaled']);
    expect(codes['ytb-0001-dddd']).toEqual([]);
  });

  it('flags a small player, a preview and a short session', async () => {
    const small = session({
      id: 'ytb-small-0001',
      service: 'youtube',
      host: 'www.youtube.com',
      start: T0,
      seconds: 30,
      displayH: 360,
      preview: true,
    });
    const file = await buildFixture({ subjects: [small], comparisons: [] });
    expect(file.sessions[0]?.confounders.map((c) => c.code)).toEqual([
      'small-player',
      'short-session',
      'preview',
    ]);
    // The measured value travels with the threshold it crossed; words stay out of the file.
    expect(file.sessions[0]?.confounders).toEqual([
      { code: 'small-player', value: 1, threshold: 0.5 },
      { code: 'short-session', value: 29_000, threshold: 60_000 },
      { code: 'preview', value: 1, threshold: 1 },
    ]);
  });

  it('names the files after the days and the service', async () => {
    const file = await buildFixture();
    expect(evidenceNames(file).all).toEqual([
      'streamwitness-2026-11-20-to-2026-11-22-netflix.json',
      'streamwitness-2026-11-20-to-2026-11-22-netflix-sessions.csv',
      'streamwitness-2026-11-20-to-2026-11-22-netflix-stalls.csv',
    ]);
    const third = netflix[2];
    if (!third) throw new Error('fixture');
    const one = await buildEvidence({
      subjects: [third],
      settings: SETTINGS,
      env: ENV,
      scope: scopeOf({ kind: 'sessions', ids: ['nflx-0003-cccc'] }, TZ),
      generatedAt: GENERATED_AT,
    });
    expect(evidenceNames(one).json).toBe('streamwitness-2026-11-22-netflix.json');
    expect(evidenceNames(one).complaint('us-isp')).toBe(
      'streamwitness-2026-11-22-netflix-complaint-us-isp.txt',
    );
  });

  it('exports an empty selection as a valid file whose digest is the header hash', async () => {
    const file = await buildFixture({ subjects: [], comparisons: [] });
    expect(EvidenceFile.safeParse(file).success).toBe(true);
    expect(file.chain.recordHashes).toEqual([]);
    expect(file.chain.digest).toBe(file.chain.headerHash);
    expect(headerOf(file)).not.toHaveProperty('sessions');
  });

  it('is reproducible: the same input gives the same digest', async () => {
    const a = await buildFixture();
    const b = await buildFixture({ comparisons: [...youtube] });
    expect(a.chain.digest).toBe(b.chain.digest);
  });
});

describe('public/evidence-schema.json', () => {
  it('is exactly the JSON Schema generated from the zod schema (run tests/evidence/gen-schema.ts)', () => {
    const shipped = JSON.parse(fs.readFileSync('public/evidence-schema.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(evidenceJsonSchema())));
  });

  it('describes the export: every top-level key, strict objects', () => {
    const schema = evidenceJsonSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'chain',
        'differentiation',
        'format',
        'formatVersion',
        'generatedAt',
        'generator',
        'scope',
        'scoreFormulas',
        'sessions',
        'subscriber',
      ].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});
