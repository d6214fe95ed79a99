/**
 * The evidence file carries the cross-service comparison of its own sessions, sealed by the chain, in a
 * shape the schema checks; the letter's verdict comes from there.
 */
import { describe, expect, it } from 'vitest';
import { differentiationOf, serializeEvidence } from '@/utils/evidence/build';
import type { SessionInput } from '@/utils/evidence/record';
import { Differentiation, EvidenceFile } from '@/utils/evidence/schema';
import { verifyEvidenceText } from '@/utils/evidence/verify';
import { sameEvenings } from '../analysis/history-fixtures';
import { buildFixture, netflix } from './fixtures';

// The analysis reads only what a SessionHistory has; the fixture histories stand in for stored sessions.
const asInputs = (h: ReturnType<typeof sameEvenings>) => h as unknown as SessionInput[];

describe('evidence: differentiation', () => {
  it('states Wehe’s verdict per pair of services, with its figures, in the schema’s shape', () => {
    const d = differentiationOf(
      asInputs(
        sameEvenings(
          { service: 'netflix', kbps: 1_000, brKbps: 800 },
          { service: 'youtube', kbps: 20_000, brKbps: 4_000 },
        ),
      ),
    );
    expect(Differentiation.safeParse(d).success).toBe(true);
    expect(d?.method).toBe('wehe-area-ks');
    expect(d?.areaThreshold).toBe(0.5);
    expect(d?.pThreshold).toBe(0.01);
    const pair = d?.pairs[0];
    expect(pair).toMatchObject({ a: 'netflix', b: 'youtube', verdict: 'differentiation', slower: 'netflix' });
    expect(pair?.medianKbps.a).toBeLessThan(1_200);
    expect(pair?.medianKbps.b).toBeGreaterThan(17_000);
    expect(pair?.sessions).toEqual({ a: 3, b: 3 });
    expect(pair?.reasons).toContain('differentiation');
    expect(d?.services.map((s) => s.key)).toEqual(['netflix', 'youtube']);
  });

  it('is null with fewer than two services', () => {
    expect(differentiationOf(netflix)).toBeNull();
    expect(differentiationOf([])).toBeNull();
  });

  it('is in the exported file, sealed: changing the verdict breaks the chain', async () => {
    const file = await buildFixture();
    expect(EvidenceFile.safeParse(file).success).toBe(true);
    expect(file.differentiation?.pairs).toHaveLength(1);
    // Two services, but far too few throughput measurements for a verdict.
    expect(file.differentiation?.pairs[0]?.verdict).toBe('inconclusive');
    expect((await verifyEvidenceText(serializeEvidence(file))).code).toBe('ok');
    const forged = structuredClone(file);
    const p = forged.differentiation?.pairs[0];
    if (p) p.verdict = 'differentiation';
    expect((await verifyEvidenceText(serializeEvidence(forged))).code).not.toBe('ok');
  });
});
