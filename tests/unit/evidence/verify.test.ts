import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceFile } from '../../../utils/evidence/schema';
import {
  checkSize,
  formatPath,
  MAX_EVIDENCE_BYTES,
  normalizeDigest,
  verifyEvidenceText,
} from '../../../utils/evidence/verify';
import { openStore } from '../db/helpers';
import { buildFixture, netflix } from './fixtures';

const clone = (f: EvidenceFile): EvidenceFile => JSON.parse(JSON.stringify(f));

describe('verify: bad input gets a precise message', () => {
  it('refuses a 50 MB file by its size, before reading it', () => {
    const r = checkSize(50 * 1024 * 1024);
    expect(r?.code).toBe('too-large');
    expect(r?.title).toBe('This file is too large to check here (50.0 MB).');
    expect(r?.details[0]).toBe('The limit is 40.0 MB. It was not read.');
    expect(checkSize(MAX_EVIDENCE_BYTES)).toBeNull();
    expect(checkSize(0)?.code).toBe('empty');
  });

  it('refuses oversized pasted text without parsing it', async () => {
    // Not JSON at all: were it parsed, the answer would be 'not-json'.
    const r = await verifyEvidenceText('x'.repeat(MAX_EVIDENCE_BYTES + 1));
    expect(r.code).toBe('too-large');
  });

  it('says when the file is not JSON, with the parser’s reason', async () => {
    for (const input of ['not json', '{"format": "streamwitness-evidence",', 'session_id,role\r\nx,y\r\n']) {
      const r = await verifyEvidenceText(input);
      expect(r.code).toBe('not-json');
      expect(r.title).toBe('This is not a JSON file, so it cannot be an evidence file.');
      expect(r.details[0]).toMatch(/^The JSON parser stopped: /);
    }
  });

  it('says when valid JSON has another shape', async () => {
    const cases: Array<[string, string]> = [
      ['[1, 2]', 'It is a JSON array;'],
      ['42', 'It is a JSON number;'],
      ['null', 'It is JSON null;'],
      ['{"hello": "world"}', 'It is a JSON object without a "format" field;'],
      ['{"format": "har"}', 'It is JSON with "format": "har";'],
    ];
    for (const [input, start] of cases) {
      const r = await verifyEvidenceText(input);
      expect(r.code, input).toBe('not-evidence');
      expect(r.title).toBe('This is valid JSON, but not a StreamWitness evidence file.');
      expect(r.details[0]?.startsWith(start), r.details[0]).toBe(true);
    }
    const schema = fs.readFileSync('public/evidence-schema.json', 'utf8');
    expect((await verifyEvidenceText(schema)).code).toBe('not-evidence');
  });

  it('says when the format version is wrong, and which way', async () => {
    const file = await buildFixture();
    const newer = await verifyEvidenceText(JSON.stringify({ ...file, formatVersion: 4 }));
    expect(newer.code).toBe('wrong-version');
    expect(newer.title).toBe('This evidence file is format version 4; this StreamWitness checks version 3.');
    expect(newer.details[0]).toContain('update the extension');
    const older = await verifyEvidenceText(JSON.stringify({ ...file, formatVersion: 1 }));
    expect(older.details[0]).toContain('older StreamWitness');
    const { formatVersion: _v, ...noVersion } = file;
    const missing = await verifyEvidenceText(JSON.stringify(noVersion));
    expect(missing.code).toBe('wrong-version');
    expect(missing.details[0]).toBe('"formatVersion" is missing; it should be the number 3.');
  });

  it('names the path of an invalid field', async () => {
    const file = clone(await buildFixture());
    const stall = file.sessions[2]?.stalls[0];
    if (!stall) throw new Error('fixture has no stall');
    stall.durationMs = -5;
    const r = await verifyEvidenceText(JSON.stringify(file));
    expect(r.code).toBe('invalid');
    expect(r.title).toBe('This evidence file has an invalid field.');
    expect(r.invalidPaths).toEqual(['sessions[2].stalls[0].durationMs']);
    expect(r.details[0]).toMatch(/^sessions\[2\]\.stalls\[0\]\.durationMs: /);
  });

  it('treats an added key as invalid (objects are strict) and a URL as a host as invalid', async () => {
    const file = clone(await buildFixture());
    (file.sessions[0] as unknown as Record<string, unknown>).note = 'added later';
    const s1 = file.sessions[1];
    if (s1) s1.pageHost = 'https://www.netflix.com/watch/123';
    const r = await verifyEvidenceText(JSON.stringify(file));
    expect(r.code).toBe('invalid');
    expect(r.title).toBe('This evidence file has 2 invalid fields.');
    expect(r.invalidPaths).toEqual(['sessions[0]', 'sessions[1].pageHost']);
    expect(r.details[0]).toContain('note');
  });

  it('formats paths the way the docs describe', () => {
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath(['chain', 'recordHashes', 3])).toBe('chain.recordHashes[3]');
  });

  it('accepts a digest typed with spaces or capitals, and rejects one that is not 64 hex digits', () => {
    expect(normalizeDigest(' AB'.repeat(32))).toBe('ab'.repeat(32));
    expect(normalizeDigest('abc')).toBeNull();
  });

  it('changes nothing stored, whatever it is given', async () => {
    const { store } = openStore();
    for (const s of netflix)
      await store.recordBatch({ session: s.session, samples: [...s.samples], events: [...s.events] });
    const before = await Promise.all(netflix.map((s) => store.getSession(s.session.id)));
    const listed = await store.listSessions();
    const quarantined = await store.quarantineSummary();
    const file = await buildFixture();
    const inputs = ['', 'nope', '[]', JSON.stringify({ ...file, formatVersion: 9 }), JSON.stringify(file)];
    for (const input of inputs) await verifyEvidenceText(input);
    expect(await Promise.all(netflix.map((s) => store.getSession(s.session.id)))).toEqual(before);
    expect(await store.listSessions()).toEqual(listed);
    expect(await store.quarantineSummary()).toEqual(quarantined);
    expect(listed.sessions).toHaveLength(netflix.length);
  });
});

describe('evidence modules stay pure', () => {
  const root = path.resolve('utils/evidence');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('import the store only for types, and never browser.* or the DOM', () => {
    for (const file of files(root)) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^import (type )?[^;]*from '([^']+)';/gm)) {
        if (/\/db(\/|$)/.test(m[2] ?? '')) expect(m[1], `${file}: ${m[0]}`).toBe('type ');
      }
      expect(src, file).not.toMatch(/\bbrowser\.|\bdocument\.|\bwindow\./);
    }
  });

  it('the Verify page does not import the history store at all', () => {
    const names = fs.readdirSync('entrypoints/verify');
    expect(names).toContain('main.tsx');
    for (const name of names) {
      const src = fs.readFileSync(path.join('entrypoints/verify', name), 'utf8');
      expect(src, name).not.toMatch(/utils\/db/);
    }
  });
});
