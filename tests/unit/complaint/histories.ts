/**
 * Viewing histories for the letter tests, built like the store's rows (tests/unit/evidence/fixtures), and
 * sealed into evidence files the way the complaint page does: subjects from the selection, other services
 * within 60 minutes as comparisons.
 */
import type { TemplateId } from '../../../utils/complaint';
import { draftComplaint } from '../../../utils/complaint';
import { buildEvidence } from '../../../utils/evidence/build';
import { evidenceNames } from '../../../utils/evidence/names';
import type { SessionInput } from '../../../utils/evidence/record';
import { type Selection, scopeOf } from '../../../utils/evidence/scope';
import type { Service } from '../../../utils/schema/playback';
import { DAY, ENV, GENERATED_AT, SETTINGS, type Spec, session, T0, TZ } from '../evidence/fixtures';

const MIN = 60_000;
const HOST: Partial<Record<Service, string>> = {
  netflix: 'www.netflix.com',
  youtube: 'www.youtube.com',
  disney: 'www.disneyplus.com',
  twitch: 'www.twitch.tv',
};

type Play = Omit<Spec, 'id' | 'service' | 'host' | 'start' | 'seconds'> & {
  atMin: number;
  day?: number;
  seconds?: number;
};

/** Sessions of one service; ids are `<service>-<n>-xxxx`. */
export function plays(service: Service, list: readonly Play[]): SessionInput[] {
  return list.map(({ atMin, day = 0, seconds = 600, ...rest }, i) =>
    session({
      id: `${service}-${i + 1}-xxxx`,
      service,
      host: HOST[service] ?? `www.${service}.example`,
      start: T0 + day * DAY + atMin * MIN,
      seconds,
      ...rest,
    }),
  );
}

/** Held at 1 Mbps: 480p, 1,000 kbps, no stall. */
export const held = { height: () => 480, bitrate: () => 1000, kbps: 1000 } as const;
/** Smooth and sharp: 1080p, 4,500 kbps on a 20 Mbps path. */
export const smooth = { height: () => 1080, bitrate: () => 4500, kbps: 20_000 } as const;

const EVERYTHING: Selection = { kind: 'range', from: null, to: null, service: null };

export interface History {
  subjects: SessionInput[];
  comparisons?: SessionInput[];
  selection?: Selection;
}

export function seal(h: History) {
  return buildEvidence({
    subjects: h.subjects,
    comparisons: h.comparisons ?? [],
    settings: SETTINGS,
    env: ENV,
    scope: scopeOf(h.selection ?? EVERYTHING, TZ, 60),
    generatedAt: GENERATED_AT,
  });
}

export async function letterOf(h: History, id: TemplateId) {
  const file = await seal(h);
  return { file, draft: draftComplaint(file, evidenceNames(file), id) };
}

/** The case of issue #17: everything recorded, three Netflix sessions held at 1 Mbps and three YouTube
 * sessions in the same hour, none with a stall. */
export const heldBesideYoutube: History = {
  subjects: [
    ...plays(
      'netflix',
      [0, 12, 24].map((atMin) => ({ atMin, ...held })),
    ),
    ...plays(
      'youtube',
      [5, 17, 29].map((atMin) => ({ atMin, ...smooth })),
    ),
  ],
};
