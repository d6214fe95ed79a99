/** A hostile evidence file under the size limit is "valid" or "invalid, first issues listed": never unreadable. */
import { describe, expect, it } from 'vitest';
import { VerifyResult } from '../../../components/evidence/verify-result';
import type { EvidenceFile } from '../../../utils/evidence/schema';
import { MAX_EVIDENCE_BYTES, MAX_LISTED, verifyEvidenceText } from '../../../utils/evidence/verify';
import { mount } from '../components/fixtures';
import { buildFixture } from './fixtures';

const clone = (f: EvidenceFile): EvidenceFile => JSON.parse(JSON.stringify(f));

describe('verify on a hostile file', () => {
  it('a million invalid items (2 MB) is "invalid" with its first issues listed and a count of the rest', async () => {
    const file = clone(await buildFixture());
    const text = JSON.stringify({ ...file, sessions: 'X' }).replace('"X"', `[${'0,'.repeat(999_999)}0]`);
    expect(text.length).toBeLessThan(MAX_EVIDENCE_BYTES);
    const r = await verifyEvidenceText(text);
    expect(r.code).toBe('invalid');
    expect(r.details.length).toBeLessThanOrEqual(13);
    expect(r.details.at(-1)).toMatch(/and [\d,]+ more/);
    expect(r.invalidCount).toBe(1_000_000);
    expect(r.invalidPaths?.length).toBe(MAX_LISTED);
    expect(r.invalidPaths?.[0]).toBe('sessions[0]');
    expect(mount(<VerifyResult outcome={r} />).querySelector('h2')?.textContent).toMatch(
      /1,?000,?000 invalid/,
    );
  }, 60_000);

  it('500 records edited: the list of edited records is capped, the rest counted', async () => {
    const file = clone(await buildFixture());
    const one = file.sessions[0];
    if (!one) throw new Error('fixture has no session');
    // Small records (no sample rows), so the test spends its time on the check, not on JSON.
    const small = { ...one, samples: { ...one.samples, rows: [] } };
    file.sessions = Array.from({ length: 500 }, () => small);
    file.chain.recordHashes = Array.from({ length: 500 }, () => '0'.repeat(64));
    const r = await verifyEvidenceText(JSON.stringify(file));
    expect(r.code).toBe('edited');
    expect(r.editedCount).toBe(500);
    expect(r.editedRecords?.length).toBeLessThanOrEqual(MAX_LISTED);
    expect(r.editedRecords?.[0]).toBe(0);
    expect(r.details.length).toBeLessThanOrEqual(13);
    expect(r.details.at(-1)).toBe('…and 488 more.');
    expect(mount(<VerifyResult outcome={r} />).querySelector('h2')?.textContent).toMatch(
      /record 1 \(and 499 more\)/,
    );
  });
});
