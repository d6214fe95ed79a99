/**
 * WXT's fake browser leaves permissions and scripting unimplemented. This is a small in-memory stand-in
 * with the browser's rules that matter here: getAll lists the granted origins, request and remove fire
 * onAdded and onRemoved, contains answers by match-pattern coverage, and registered scripts are kept.
 */
import { fakeBrowser } from 'wxt/testing';
import { patternMatchesUrl } from '@/utils/sites/watch';

type Listener = (p: { origins?: string[]; permissions?: string[] }) => void;

export interface FakePermissions {
  granted: Set<string>;
  /** What the next request answers (the user's choice in the prompt). */
  answer: boolean;
  registered: Map<string, { id: string; matches?: string[]; js?: string[] }>;
  injected: Array<{ tabId: number; files: string[]; world?: string }>;
  /** Grants as the browser's own settings would (fires onAdded). */
  grant(origins: string[]): void;
}

const sampleUrl = (pattern: string) =>
  pattern.replace('*://', 'https://').replace(/\*$/, '').replace('/*.', '/x.');

export function installFakePermissions(granted: string[] = []): FakePermissions {
  const added: Listener[] = [];
  const removed: Listener[] = [];
  const event = (list: Listener[]) => ({
    addListener: (l: Listener) => void list.push(l),
    removeListener: (l: Listener) => {
      const i = list.indexOf(l);
      if (i >= 0) list.splice(i, 1);
    },
    hasListener: (l: Listener) => list.includes(l),
  });
  const state: FakePermissions = {
    granted: new Set(granted),
    answer: true,
    registered: new Map(),
    injected: [],
    grant(origins) {
      for (const o of origins) state.granted.add(o);
      for (const l of [...added]) l({ origins, permissions: [] });
    },
  };
  const p = fakeBrowser.permissions as unknown as Record<string, unknown>;
  p.getAll = async () => ({ origins: [...state.granted], permissions: [] });
  p.contains = async ({ origins = [] }: { origins?: string[] }) =>
    origins.every((o) => [...state.granted].some((g) => patternMatchesUrl(g, sampleUrl(o))));
  p.request = async ({ origins = [] }: { origins?: string[] }) => {
    if (!state.answer) return false;
    const fresh = origins.filter((o) => !state.granted.has(o));
    if (fresh.length > 0) state.grant(fresh);
    return true;
  };
  p.remove = async ({ origins = [] }: { origins?: string[] }) => {
    const gone = origins.filter((o) => state.granted.delete(o));
    if (gone.length > 0) for (const l of [...removed]) l({ origins: gone, permissions: [] });
    return true;
  };
  p.onAdded = event(added);
  p.onRemoved = event(removed);

  const s = fakeBrowser.scripting as unknown as Record<string, unknown>;
  type Script = { id: string; matches?: string[]; js?: string[] };
  s.getRegisteredContentScripts = async (f?: { ids?: string[] }) =>
    [...state.registered.values()].filter((r) => !f?.ids || f.ids.includes(r.id));
  s.registerContentScripts = async (scripts: Script[]) => {
    for (const x of scripts) {
      if (state.registered.has(x.id)) throw new Error(`Duplicate script ID '${x.id}'`);
      state.registered.set(x.id, x);
    }
  };
  s.updateContentScripts = async (scripts: Script[]) => {
    for (const x of scripts) {
      const old = state.registered.get(x.id);
      if (!old) throw new Error(`No script with ID '${x.id}'`);
      state.registered.set(x.id, { ...old, ...x });
    }
  };
  s.unregisterContentScripts = async (f?: { ids?: string[] }) => {
    for (const id of f?.ids ?? [...state.registered.keys()]) state.registered.delete(id);
  };
  s.executeScript = async ({
    target,
    files,
    world,
  }: {
    target: { tabId: number };
    files: string[];
    world?: string;
  }) => {
    state.injected.push({ tabId: target.tabId, files, ...(world ? { world } : {}) });
    return [];
  };
  return state;
}
