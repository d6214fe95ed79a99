/**
 * The user's own statements about their line (ISP, plan, country), as the settings page will store them
 * under storage.local 'settings'. Read leniently: a bad field is dropped, the rest is kept, absence is fine.
 */
import { z } from '../schema/zod';

export interface EvidenceSettings {
  isp?: string;
  /** Download speed of the plan as advertised or on the label, kbps. */
  planDownKbps?: number;
  /** ISO 3166-1 alpha-2, optionally with a subdivision ('US-CA'). */
  country?: string;
}

const Isp = z.string().trim().min(1).max(200);
const Plan = z.number().finite().positive().max(100_000_000);
const Country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/)
  .transform((s) => s.toUpperCase());

export function readSettings(raw: unknown): EvidenceSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const out: EvidenceSettings = {};
  const isp = Isp.safeParse(r.isp);
  if (isp.success) out.isp = isp.data;
  const plan = Plan.safeParse(r.planDownKbps);
  if (plan.success) out.planDownKbps = plan.data;
  const country = Country.safeParse(r.country);
  if (country.success) out.country = country.data;
  return out;
}
