/**
 * Page wiring shared by the report and complaint pages: reads the history (through the worker, the only
 * context that opens the database), the user's settings and the environment, and hands them to the pure
 * builder. Reads only: nothing here writes storage, and the worker's reads move unusable rows aside.
 */
import { buildEvidence, type EvidenceEnv } from '@/utils/evidence/build';
import { describeEnvironment } from '@/utils/evidence/env';
import { loadSelection } from '@/utils/evidence/load';
import { type EvidenceNames, evidenceNames } from '@/utils/evidence/names';
import type { EvidenceFile } from '@/utils/evidence/schema';
import { parseSelection, type Selection, scopeOf } from '@/utils/evidence/scope';
import { type EvidenceSettings, readSettings } from '@/utils/evidence/settings';
import { machineOffsetMin } from '@/utils/evidence/time';
import { createHistoryClient } from '@/utils/messaging/history-client';

export async function readStoredSettings(): Promise<EvidenceSettings> {
  try {
    const got = await browser.storage.local.get('settings');
    return readSettings(got.settings);
  } catch {
    // Settings are optional: an export without them just leaves ISP and plan to be filled in.
    return {};
  }
}

export async function readEnvironment(now: number): Promise<EvidenceEnv> {
  const runtime = browser.runtime;
  // Firefox only; Chrome has no getBrowserInfo, and the user agent says enough there.
  const firefox = runtime as { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  const [platform, info] = await Promise.all([
    runtime.getPlatformInfo().catch(() => undefined),
    typeof firefox.getBrowserInfo === 'function'
      ? firefox.getBrowserInfo().catch(() => undefined)
      : undefined,
  ]);
  return describeEnvironment({
    userAgent: navigator.userAgent,
    extensionVersion: runtime.getManifest().version,
    ...(platform ? { platformOs: platform.os } : {}),
    ...(info ? { browserInfo: { name: info.name, version: info.version } } : {}),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? '',
    utcOffsetMin: machineOffsetMin(now),
  });
}

/** The selection in this page's query string, read at this machine's current offset. */
export function selectionFromLocation(now: number) {
  return parseSelection(new URLSearchParams(location.search), now, machineOffsetMin(now));
}

export interface Prepared {
  file: EvidenceFile;
  names: EvidenceNames;
  settings: EvidenceSettings;
  missing: string[];
  truncated: boolean;
}

export async function prepareEvidence(
  selection: Selection,
  opts: { comparisonMarginMin?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Prepared> {
  const now = Date.now();
  const [settings, env, loaded] = await Promise.all([
    readStoredSettings(),
    readEnvironment(now),
    loadSelection(createHistoryClient(), selection, opts),
  ]);
  const file = await buildEvidence({
    subjects: loaded.subjects,
    comparisons: loaded.comparisons,
    settings,
    env,
    scope: scopeOf(selection, env.utcOffsetMin, opts.comparisonMarginMin ?? null),
    generatedAt: now,
  });
  return { file, names: evidenceNames(file), settings, missing: loaded.missing, truncated: loaded.truncated };
}
