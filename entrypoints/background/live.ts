/**
 * Per-tab live state for the badge and the popup's "now playing". Kept in storage.session, not in a
 * variable: Chrome stops this worker after 30 s idle, and the next message must find the state.
 */

import { LiveSnapshot } from '@/utils/messaging/worker-protocol';
import { badgeFor } from '@/utils/metrics/badge';
import { mergeSpark } from '@/utils/metrics/spark';
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

/** A session's newest snapshot replaces its last one, except the sparkline, which grows by its new points. */
export async function setLive(tabId: number, snapshot: LiveSnapshot): Promise<void> {
  const all = await read(tabId);
  all[snapshot.sid] = { ...snapshot, spark: mergeSpark(all[snapshot.sid]?.spark ?? [], snapshot.spark) };
  await Promise.all([
    browser.storage.session.set({ [key(tabId)]: all }),
    paintBadge(tabId, pickCurrent(all)),
  ]);
}

export async function endLive(tabId: number, sid: string): Promise<void> {
  const all = await read(tabId);
  delete all[sid];
  await Promise.all([
    browser.storage.session.set({ [key(tabId)]: all }),
    paintBadge(tabId, pickCurrent(all)),
  ]);
}

export async function clearTab(tabId: number): Promise<void> {
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
