/**
 * The user's own statements about their line (ISP, plan, country), from the settings the options page
 * stores under storage.local 'settings'. Read leniently (see utils/settings): a bad field is dropped,
 * the rest is kept, absence is fine.
 */
import { loadSettings } from '../settings/schema';

export interface EvidenceSettings {
  isp?: string;
  /** Download speed of the plan as advertised or on the label, kbps. */
  planDownKbps?: number;
  /** ISO 3166-1 alpha-2, optionally with a subdivision ('US-CA'). */
  country?: string;
}

export function readSettings(raw: unknown): EvidenceSettings {
  const { settings } = loadSettings(raw);
  const out: EvidenceSettings = {};
  if (settings.isp !== undefined) out.isp = settings.isp;
  if (settings.planDownKbps !== undefined) out.planDownKbps = settings.planDownKbps;
  if (settings.country !== undefined) out.country = settings.country;
  return out;
}
