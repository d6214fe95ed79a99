/**
 * Per-tab live state for the badge and the popup's "now playing". Kept in storage.session, not in a
 * variable: Chrome stops this worker after 30 s idle, and the next message must find the state.
 * Each delivery costs a storage read and write and four badge calls, so a tab's snapshots are
 * coalesced: at most LIVE_RATE deliveries a second, each applying the newest of every session (the
 * badge still ends on the newest state, and no sparkline point is lost).
 */

import { type LiveChange, LiveCoalescer } from '@/utils/messaging/live-coalescer';
import type { BucketSpec } from '@/utils/messaging/token-bucket';
import { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { badgeFor } from '@/utils/metrics/badge';
import { mergeSpark, SPARK_WINDOW } from '@/utils/metrics/spark';
import { z } from '@/utils/schema/zod';
import { type BadgeMode, readSettings } from '@/utils/settings/store';
import { badgeTitle } from './badge-title';

const TabLive = z.record(z.string(), LiveSnapshot);
type TabLive = z.infer<typeof TabLive>;
const key = (tabId: number) => `live:${tabId}`;

async function read(tabId: number): Promise<TabLive> {
  const raw = (await browser.storage.session.get(key(tabId)))[key(tabId)];
  const parsed = TabLive.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** The snapshot the badge and popup show: a stalling or playing session before a paused one, newest first. */
export function pickCurrent(all: TabLive): LiveSnapshot | null {
  const rank = (s: LiveSnapshot) => (s.state === 'stalled' ? 2 : s.state === 'playing' ? 1 : 0);
  const list = Object.values(all).sort((a, b) => rank(b) - rank(a) || b.updatedAt - a.updatedAt);
  return list[0] ?? null;
}

/** Deliveries a second per tab: 2, and one at once after a quiet spell. */
export const LIVE_RATE: BucketSpec = { capacity: 1, perSecond: 2 };
/** Sessions kept per tab: a page cannot fill storage.session with sessions that never end. */
export const MAX_LIVE_PER_TAB = 8;

/**
 * Applies changes in one read, one write and one paint: a session's newest snapshot replaces its
 * last one, except the sparkline, which grows by its new points; null ends the session.
 */
async function applyLive(
  tabId: number,
  changes: ReadonlyMap<string, LiveChange<LiveSnapshot>>,
): Promise<void> {
  const all = await read(tabId);
  for (const [sid, snapshot] of changes) {
    if (snapshot === null) delete all[sid];
    else all[sid] = { ...snapshot, spark: mergeSpark(all[sid]?.spark ?? [], snapshot.spark) };
  }
  const kept = Object.values(all).sort((a, b) => b.updatedAt - a.updatedAt);
  for (const s of kept.slice(MAX_LIVE_PER_TAB)) delete all[s.sid];
  await Promise.all([
    browser.storage.session.set({ [key(tabId)]: all }),
    paintBadge(tabId, pickCurrent(all)),
  ]);
}

export function setLive(tabId: number, snapshot: LiveSnapshot): Promise<void> {
  return serially(tabId, () => applyLive(tabId, new Map([[snapshot.sid, snapshot]])));
}

export function endLive(tabId: number, sid: string): Promise<void> {
  return serially(tabId, () => applyLive(tabId, new Map([[sid, null]])));
}

const mergeSnapshots = (older: LiveSnapshot, newer: LiveSnapshot): LiveSnapshot => ({
  ...newer,
  spark: mergeSpark(older.spark, newer.spark, SPARK_WINDOW),
});
const gates = new Map<number, LiveCoalescer<LiveSnapshot>>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const chains = new Map<number, Promise<void>>();

/** One read-modify-write of a tab's state at a time. */
function serially(tabId: number, task: () => Promise<void>): Promise<void> {
  const next = (chains.get(tabId) ?? Promise.resolve()).then(task, task);
  const settled = next.catch(() => undefined);
  chains.set(tabId, settled);
  void settled.then(() => chains.get(tabId) === settled && chains.delete(tabId));
  return next;
}

/**
 * A content script's snapshot (or end, null) for `sid`: applied now if the tab's rate allows, else
 * kept (the newest per session) and applied as soon as it does. Resolves once applied or kept.
 */
export async function receiveLive(
  tabId: number,
  sid: string,
  change: LiveChange<LiveSnapshot>,
  now = Date.now(),
): Promise<void> {
  let gate = gates.get(tabId);
  if (!gate) {
    gate = new LiveCoalescer(LIVE_RATE, now, mergeSnapshots);
    gates.set(tabId, gate);
  }
  if (change === null) {
    // A session's end clears its badge at once, never behind the rate: there is one per session, and
    // the router caps new sessions. Its pending snapshot, if any, is dropped so none comes after it.
    gate.forget(sid);
    await endLive(tabId, sid);
    return;
  }
  gate.offer(sid, change);
  await deliver(tabId, now);
}

async function deliver(tabId: number, now: number): Promise<void> {
  const gate = gates.get(tabId);
  if (!gate) return;
  const changes = gate.take(now);
  const at = gate.nextAt(now);
  if (at !== null && !timers.has(tabId)) {
    timers.set(
      tabId,
      setTimeout(() => {
        timers.delete(tabId);
        void deliver(tabId, Date.now()).catch(() => undefined);
      }, at - now),
    );
  }
  if (changes) await serially(tabId, () => applyLive(tabId, changes));
  if (!timers.has(tabId) && gate.idle(Date.now())) gates.delete(tabId);
}

export async function clearTab(tabId: number): Promise<void> {
  const timer = timers.get(tabId);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(tabId);
  gates.delete(tabId);
  await browser.storage.session.remove(key(tabId));
}

export async function getLive(tabId: number): Promise<LiveSnapshot | null> {
  return pickCurrent(await read(tabId));
}

// Read once per worker life and after each settings change, not on every paint (once a second a tab).
let badgeSettings: Promise<{ mode: BadgeMode; planKbps: number | null }> | null = null;

/** The badge setting changed: forget the cached mode and repaint every tab with live state. */
export async function badgeSettingChanged(): Promise<void> {
  badgeSettings = null;
  const all = await browser.storage.session.get(null);
  await Promise.all(
    Object.keys(all)
      .filter((k) => k.startsWith('live:'))
      .map(async (k) => {
        const tabId = Number(k.slice('live:'.length));
        if (Number.isInteger(tabId)) await paintBadge(tabId, await getLive(tabId));
      }),
  );
}

async function paintBadge(tabId: number, snapshot: LiveSnapshot | null): Promise<void> {
  badgeSettings ??= readSettings().then((l) => ({
    mode: l.settings.badgeMode,
    planKbps: l.settings.planDownKbps ?? null,
  }));
  const { mode, planKbps } = await badgeSettings;
  // "off": no text on the icon; the popup still shows everything.
  const b = badgeFor(mode === 'off' ? null : snapshot, Date.now(), { planKbps });
  const action = browser.action;
  try {
    await Promise.all([
      action.setBadgeText({ tabId, text: b.text }),
      action.setBadgeBackgroundColor({ tabId, color: b.color }),
      action.setBadgeTextColor?.({ tabId, color: b.textColor }),
      action.setTitle({ tabId, title: badgeTitle(b) }),
    ]);
  } catch {
    // The tab closed between the message and the paint: nothing to show it on.
  }
}
