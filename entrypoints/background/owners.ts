/**
 * Each session id belongs to the tab and frame that first wrote it, with the hosts the browser named
 * then. Kept in storage.session (one key per session), not only in memory: Chrome stops this worker
 * after 30 s idle, and the next worker must still refuse another writer. Read back once per worker
 * life; every decision after that is synchronous, so two first writes cannot both win.
 */
import { Service } from '@/utils/schema/playback';
import { z } from '@/utils/schema/zod';
import type { SenderIdentity } from './identity';

const PREFIX = 'owner:';
/** Beyond this many, the oldest binding is forgotten (storage.session is 10 MB in Chrome; each is < 100 B). */
export const MAX_OWNERS = 5_000;

const OwnerRow = z.tuple([
  z.number().int(),
  z.number().int(),
  z.number().finite(),
  z.string().max(255),
  z.string().max(255),
  Service,
]);
type OwnerRow = z.infer<typeof OwnerRow>;

export interface Owner extends SenderIdentity {
  /** When the session was bound (its first accepted write). */
  at: number;
}

export type Lookup =
  | { kind: 'bound'; owner: Owner }
  | { kind: 'foreign' }
  | { kind: 'new'; startsInLastMinute: number };

const owners = new Map<string, Owner>();
/** Per tab, when its sessions were bound, for the new-sessions-per-minute cap. */
const starts = new Map<number, number[]>();
let loaded: Promise<void> | null = null;

const toRow = (o: Owner): OwnerRow => [o.tabId, o.frameId, o.at, o.pageHost, o.frameHost, o.service];

/** Once per worker life: the bindings earlier workers made. */
export function loadOwners(): Promise<void> {
  loaded ??= (async () => {
    const all = await browser.storage.session.get(null);
    const rows: Array<[string, Owner]> = [];
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(PREFIX)) continue;
      const p = OwnerRow.safeParse(v);
      if (!p.success) continue;
      const [tabId, frameId, at, pageHost, frameHost, service] = p.data;
      rows.push([k.slice(PREFIX.length), { tabId, frameId, at, pageHost, frameHost, service }]);
    }
    rows.sort((a, b) => a[1].at - b[1].at);
    for (const [sid, o] of rows) remember(sid, o);
  })().catch((e: unknown) => {
    loaded = null;
    throw e;
  });
  return loaded;
}

function remember(sid: string, o: Owner): void {
  owners.set(sid, o);
  const list = starts.get(o.tabId) ?? [];
  list.push(o.at);
  starts.set(o.tabId, list);
}

/** What a write for `sid` from `who` is, at `now`. Call after loadOwners(). */
export function lookup(sid: string, who: SenderIdentity, now: number): Lookup {
  const o = owners.get(sid);
  if (o)
    return o.tabId === who.tabId && o.frameId === who.frameId
      ? { kind: 'bound', owner: o }
      : { kind: 'foreign' };
  const recent = (starts.get(who.tabId) ?? []).filter((t) => t > now - 60_000 && t <= now);
  if (recent.length) starts.set(who.tabId, recent);
  else starts.delete(who.tabId);
  return { kind: 'new', startsInLastMinute: recent.length };
}

/**
 * Binds `sid` to `who` at `now` (synchronously, then persists). A failed persist keeps the binding for
 * this worker's life: refusing the batch for it would lose the viewer's data to a full storage.session.
 */
export async function bind(sid: string, who: SenderIdentity, now: number): Promise<Owner> {
  const o: Owner = { ...who, at: now };
  remember(sid, o);
  const evicted: string[] = [];
  while (owners.size > MAX_OWNERS) {
    const oldest = owners.keys().next().value as string;
    owners.delete(oldest);
    evicted.push(PREFIX + oldest);
  }
  await Promise.all([
    browser.storage.session.set({ [PREFIX + sid]: toRow(o) }),
    evicted.length ? browser.storage.session.remove(evicted) : undefined,
  ]).catch(() => undefined);
  return o;
}

/** The tab closed: its new-session count goes; its bindings stay, so its sessions stay closed to others. */
export function forgetTabStarts(tabId: number): void {
  starts.delete(tabId);
}
