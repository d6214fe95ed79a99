/**
 * The store texts in docs/store/listing.md stay within the stores' limits and name exactly the
 * permissions the manifest asks for, and PRIVACY.md names the same sites: a new permission or site
 * without its justification fails here before a reviewer rejects it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITES } from '../../utils/sites';
import { ROOT } from '../e2e/chromium';

const listing = fs.readFileSync(path.join(ROOT, 'docs/store/listing.md'), 'utf8');
const privacy = fs.readFileSync(path.join(ROOT, 'docs/PRIVACY.md'), 'utf8');
const config = fs.readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');

function section(name: string): string {
  const m = new RegExp(`<!-- ${name} -->\\n([\\s\\S]*?)\\n<!-- /${name} -->`).exec(listing);
  if (!m?.[1]) throw new Error(`no <!-- ${name} --> section in listing.md`);
  return m[1].trim();
}

describe('store listing', () => {
  it('fits the stores’ limits', () => {
    expect(section('short').length).toBeLessThanOrEqual(132); // Chrome summary; AMO allows 250
    expect(section('full').length).toBeLessThanOrEqual(16_000);
    expect(section('purpose').length).toBeLessThanOrEqual(1_000);
  });

  it('justifies exactly the manifest’s permissions and every host', () => {
    const declared = /permissions: \[([^\]]*)\]/
      .exec(config)?.[1]
      ?.match(/'([^']+)'/g)
      ?.map((q) => q.slice(1, -1));
    expect(declared).toEqual(['storage', 'scripting', 'activeTab', 'webRequest']);
    const justified = [...section('permissions').matchAll(/^- \*\*([A-Za-z]+)\*\*/gm)].map((m) => m[1]);
    expect(justified).toEqual(declared);
    for (const p of declared ?? []) expect(privacy, p).toContain(`\`${p}\``);
    // Any other site is an optional permission, asked for one host at a time: both texts say so.
    expect(config).toContain('optional_host_permissions');
    expect(section('permissions')).toMatch(/\*\*Optional host permissions\*\*/);
    expect(privacy).toMatch(/Optional host access to any site/);
    const domains = SITES.flatMap((s) => s.hosts);
    expect(domains.length).toBeGreaterThan(6);
    for (const d of domains) {
      expect(section('permissions'), d).toContain(d);
      expect(privacy, d).toContain(`\`${d}\``);
    }
  });
});
