/** Polls a tab's badge every 100 ms so a test can tell when it changed, against the player's clock. */
import type { BadgeState, ExtensionHandle } from './extension';

export interface BadgeSample extends BadgeState {
  at: number;
}

export function watchBadge(
  extension: ExtensionHandle,
  tabId: number,
): { samples: BadgeSample[]; stop(): Promise<void> } {
  const samples: BadgeSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const b = await extension.badge(tabId).catch(() => null);
      if (b) samples.push({ ...b, at: Date.now() });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The first badge sample at or after `from` that satisfies `pred`. */
export function firstAfter(
  samples: BadgeSample[],
  from: number,
  pred: (b: BadgeSample) => boolean,
): BadgeSample | undefined {
  return samples.find((b) => b.at >= from && pred(b));
}
