import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerOf, serializeEvidence } from '../../../utils/evidence/build';
import { canonicalJson } from '../../../utils/evidence/canonical';
import { sha256Hex } from '../../../utils/evidence/chain';
import type { EvidenceFile } from '../../../utils/evidence/schema';
import { verifyEvidenceText } from '../../../utils/evidence/verify';
import { buildFixture } from './fixtures';

const clone = (f: EvidenceFile): EvidenceFile => JSON.parse(JSON.stringify(f));
const text = (f: unknown) => JSON.stringify(f);

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: true, c: null }, 'x'], é: 0.5 })).toBe(
      '{"a":[{"c":null,"d":true},"x"],"b":1,"é":0.5}',
    );
  });

  it('does not depend on key order or layout', () => {
    const a = { x: 1, y: { p: 'q', r: [1, 2] } };
    const b = JSON.parse('{ "y": { "r": [ 1, 2 ], "p": "q" },\n  "x": 1 }');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('refuses values JSON cannot carry instead of hashing something else', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });
});

describe('hash chain', () => {
  it('uses SHA-256 (known answer)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is the documented recipe: record N = SHA-256(previous hex + canonical(record N)), from the header hash', async () => {
    const file = await buildFixture();
    const h = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
    let prev = h(canonicalJson(headerOf(file)));
    expect(file.chain.headerHash).toBe(prev);
    file.sessions.forEach((record, i) => {
      prev = h(prev + canonicalJson(record));
      expect(file.chain.recordHashes[i]).toBe(prev);
    });
    expect(file.chain.digest).toBe(prev);
  });

  it('detects an edit at every record and names that record', async () => {
    const file = await buildFixture();
    expect(file.sessions.length).toBeGreaterThan(2);
    for (let i = 0; i < file.sessions.length; i++) {
      const edited = clone(file);
      const record = edited.sessions[i];
      if (!record) throw new Error('missing record');
      // A plausible, schema-valid edit: shave a second off the stall time.
      record.summary.stallMs =
        Math.max(0, record.summary.stallMs - 1000) + (record.summary.stallMs === 0 ? 1 : 0);
      const r = await verifyEvidenceText(text(edited));
      expect(r.code, `record ${i}`).toBe('edited');
      expect(r.editedRecords).toEqual([i]);
      expect(r.title).toContain(`session record ${i + 1}`);
      expect(r.details.join('\n')).toContain(
        `Session record ${i + 1} of ${file.sessions.length} (sessions[${i}]`,
      );
    }
  });

  it('detects an edit deep inside a record (one sample) as well', async () => {
    const edited = clone(await buildFixture());
    const row = edited.sessions[2]?.samples.rows[300];
    if (!row) throw new Error('missing row');
    row[2] = 9999;
    const r = await verifyEvidenceText(text(edited));
    expect(r.code).toBe('edited');
    expect(r.editedRecords).toEqual([2]);
  });

  it('names every edited record when several were changed', async () => {
    const edited = clone(await buildFixture());
    for (const i of [0, 3]) {
      const s = edited.sessions[i];
      if (s) s.pageHost = 'example.org';
    }
    const r = await verifyEvidenceText(text(edited));
    expect(r.editedRecords).toEqual([0, 3]);
    expect(r.title).toContain('(and 1 more)');
  });

  it('detects an edited header (the stated plan)', async () => {
    const edited = clone(await buildFixture());
    edited.subscriber.planDownKbps = 500_000;
    const r = await verifyEvidenceText(text(edited));
    expect(r.code).toBe('edited');
    expect(r.headerEdited).toBe(true);
    expect(r.editedRecords).toEqual([]);
    expect(r.title).toBe('The file header was edited after export.');
  });

  it('detects a removed record', async () => {
    const edited = clone(await buildFixture());
    edited.sessions.splice(1, 1);
    const r = await verifyEvidenceText(text(edited));
    expect(r.code).toBe('chain-count');
    expect(r.details[0]).toBe('The chain lists 4 record hashes but the file holds 3 session records.');
  });

  it('detects an edited digest', async () => {
    const edited = clone(await buildFixture());
    edited.chain.digest = '0'.repeat(64);
    expect((await verifyEvidenceText(text(edited))).code).toBe('digest-edited');
  });

  it('is not fooled by a file rebuilt around an edit, when the quoted digest is given', async () => {
    const file = await buildFixture();
    const other = await buildFixture({ settings: { isp: 'Someone Else' } });
    const r = await verifyEvidenceText(text(other), { expectedDigest: file.chain.digest.toUpperCase() });
    expect(r.code).toBe('digest-differs');
    const same = await verifyEvidenceText(text(file), { expectedDigest: ` ${file.chain.digest} ` });
    expect(same.code).toBe('ok');
  });

  it('survives re-indentation, a byte-order mark and key reordering: only values count', async () => {
    const file = await buildFixture();
    expect((await verifyEvidenceText(serializeEvidence(file))).code).toBe('ok');
    expect((await verifyEvidenceText(`\uFEFF${JSON.stringify(file, null, 4)}`)).code).toBe('ok');
    const reordered = Object.fromEntries(Object.entries(file).reverse());
    expect((await verifyEvidenceText(text(reordered))).code).toBe('ok');
  });
});

describe('docs/evidence-format.md', () => {
  it('its hand-check snippet verifies an export and pins an edit to its record', async () => {
    const doc = fs.readFileSync('docs/evidence-format.md', 'utf8');
    const snippet = /Checking by hand[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(snippet).toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-doc-'));
    const script = path.join(dir, 'check.cjs');
    fs.writeFileSync(script, snippet ?? '');
    const run = (file: EvidenceFile) => {
      const p = path.join(dir, 'e.json');
      fs.writeFileSync(p, serializeEvidence(file));
      const r = spawnSync(process.execPath, [script, p], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n');
    };
    const file = await buildFixture();
    const intact = run(file);
    expect(intact).toEqual([
      'header ok',
      ...file.sessions.map((_, i) => `record ${i + 1} ok`),
      `digest ${file.chain.digest} ok`,
    ]);
    const edited = clone(file);
    const second = edited.sessions[1];
    if (second) second.summary.stallCount += 1;
    expect(run(edited)[2]).toBe('record 2 EDITED');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
