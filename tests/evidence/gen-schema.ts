/**
 * Writes public/evidence-schema.json from the zod schema (z.toJSONSchema): `npm run schema`.
 * tests/unit/evidence/export.test.ts ("public/evidence-schema.json") fails whenever the shipped file and the schema differ.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidenceJsonSchema } from '../../utils/evidence/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'public/evidence-schema.json');
fs.writeFileSync(out, `${JSON.stringify(evidenceJsonSchema(), null, 2)}\n`);
// The repository's formatter owns layout; the unit test compares parsed JSON, not text.
spawnSync('npx', ['biome', 'format', '--write', out], { cwd: root, stdio: 'inherit' });
console.log(`wrote ${path.relative(root, out)}`);
