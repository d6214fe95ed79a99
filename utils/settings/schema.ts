/**
 * The user's settings: one versioned object under storage.local 'settings'. Reading never throws and
 * never silently resets: older shapes are migrated step by step, a field that fails its schema falls
 * back to its default and is named in `problems`, and a shape from a newer version is read as far as
 * it fits and flagged so that nothing here overwrites it unasked.
 */
import { z } from '../schema/zod';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;
export const DEFAULT_SAMPLE_RETENTION_DAYS = 180;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_ISP_LENGTH = 200;

export const BADGE_MODES = ['resolution', 'off'] as const;
export type BadgeMode = (typeof BADGE_MODES)[number];

const Isp = z.string().trim().min(1).max(MAX_ISP_LENGTH);
/** Download speed of the plan as advertised or on the label, kbps. */
const PlanKbps = z.number().finite().positive().max(100_000_000);
/** ISO 3166-1 alpha-2, optionally with a subdivision ('US-CA'). */
const Country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/)
  .transform((s) => s.toUpperCase());
const RetentionDays = z.number().int().min(1).max(MAX_RETENTION_DAYS);
const Badge = z.enum(BADGE_MODES);

export const Settings = z.object({
  v: z.literal(SETTINGS_VERSION),
  isp: Isp.optional(),
  planDownKbps: PlanKbps.optional(),
  country: Country.optional(),
  sampleRetentionDays: RetentionDays,
  badgeMode: Badge,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  v: SETTINGS_VERSION,
  sampleRetentionDays: DEFAULT_SAMPLE_RETENTION_DAYS,
  badgeMode: 'resolution',
};

/** A stored field that can fail its schema on reading. */
export type SettingsField = 'isp' | 'planDownKbps' | 'country' | 'sampleRetentionDays' | 'badgeMode';

/** What could not be used of the stored settings; the options page puts it in words. */
export type SettingsProblem =
  | { code: 'not-object' }
  | { code: 'unknown-version'; stored: string }
  | { code: 'newer' }
  | { code: 'unreadable'; reason: string }
  /** `value` is a short JSON preview of what was stored. */
  | { code: 'invalid-field'; field: SettingsField; value: string };

export interface LoadedSettings {
  settings: Settings;
  /** What could not be used (empty when all was well). */
  problems: SettingsProblem[];
  /** The stored version, when it was older than this one (the caller may save the migrated shape). */
  migratedFrom: number | null;
  /** Saved by a newer version of the extension: shown, never overwritten without the user saving. */
  newer: boolean;
}

/**
 * Migrations from each older stored shape to the next. Version 0 is the unversioned object the
 * evidence export and the retention job read before there was a settings page.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  0: (old) => ({ ...old, v: 1, badgeMode: old.badgeMode ?? 'resolution' }),
};

const FIELDS: Record<SettingsField, z.ZodType> = {
  isp: Isp,
  planDownKbps: PlanKbps,
  country: Country,
  sampleRetentionDays: RetentionDays,
  badgeMode: Badge,
};

export function loadSettings(raw: unknown): LoadedSettings {
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) {
    return { settings: { ...DEFAULT_SETTINGS }, problems, migratedFrom: null, newer: false };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ code: 'not-object' });
    return { settings: { ...DEFAULT_SETTINGS }, problems, migratedFrom: null, newer: false };
  }
  let obj = { ...(raw as Record<string, unknown>) };
  const stored = 'v' in obj ? obj.v : 0;
  const version = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : null;
  if (version === null) {
    problems.push({ code: 'unknown-version', stored: String(stored) });
  }
  const newer = version !== null && version > SETTINGS_VERSION;
  if (newer) problems.push({ code: 'newer' });
  for (let from = version ?? SETTINGS_VERSION; from < SETTINGS_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (step) obj = step(obj);
  }
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const [field, schema] of Object.entries(FIELDS) as [SettingsField, z.ZodType][]) {
    const value = obj[field];
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) (settings as Record<string, unknown>)[field] = parsed.data;
    else problems.push({ code: 'invalid-field', field, value: preview(value) });
  }
  return {
    settings,
    problems,
    migratedFrom: version !== null && version < SETTINGS_VERSION ? version : null,
    newer,
  };
}

function preview(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The form's raw text fields, as the user typed them. */
export interface SettingsForm {
  isp: string;
  planMbps: string;
  country: string;
  sampleRetentionDays: string;
  badgeMode: string;
}

/** The stored values as text to edit; the plan is written with `locale`'s decimal mark (fromForm reads both). */
export function toForm(s: Settings, locale = 'en'): SettingsForm {
  const mbps = new Intl.NumberFormat(locale, {
    useGrouping: false,
    maximumFractionDigits: 3,
    numberingSystem: 'latn',
  });
  return {
    isp: s.isp ?? '',
    planMbps: s.planDownKbps === undefined ? '' : mbps.format(s.planDownKbps / 1000),
    country: s.country ?? '',
    sampleRetentionDays: String(s.sampleRetentionDays),
    badgeMode: s.badgeMode,
  };
}

/** Why a typed field was refused; the options page puts it in words (with the limits below). */
export type FormError = 'too-long' | 'not-a-speed' | 'not-a-country' | 'not-days' | 'not-a-choice';
export type FormErrors = Partial<Record<keyof SettingsForm, FormError>>;

export type FormResult = { ok: true; settings: Settings } | { ok: false; errors: FormErrors };

/** Checks what the user typed; empty optional fields mean "not stated". */
export function fromForm(f: SettingsForm): FormResult {
  const errors: FormErrors = {};
  const out: Settings = { ...DEFAULT_SETTINGS };
  const isp = f.isp.trim();
  if (isp) {
    const r = Isp.safeParse(isp);
    if (r.success) out.isp = r.data;
    else errors.isp = 'too-long';
  }
  const plan = f.planMbps.trim().replace(',', '.');
  if (plan) {
    const mbps = Number(plan);
    const r = PlanKbps.safeParse(Math.round(mbps * 1000));
    if (Number.isFinite(mbps) && mbps > 0 && r.success) out.planDownKbps = r.data;
    else errors.planMbps = 'not-a-speed';
  }
  const country = f.country.trim();
  if (country) {
    const r = Country.safeParse(country);
    if (r.success) out.country = r.data;
    else errors.country = 'not-a-country';
  }
  const days = Number(f.sampleRetentionDays.trim());
  const r = RetentionDays.safeParse(days);
  if (f.sampleRetentionDays.trim() && r.success) out.sampleRetentionDays = r.data;
  else errors.sampleRetentionDays = 'not-days';
  const badge = Badge.safeParse(f.badgeMode);
  if (badge.success) out.badgeMode = badge.data;
  else errors.badgeMode = 'not-a-choice';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}
