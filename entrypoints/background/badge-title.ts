/** The toolbar button's tooltip for a badge, in the UI language: the state, why, and the resolution. */
import { t, tn } from '@/utils/i18n';
import type { Badge, BadgeReason } from '@/utils/metrics/badge';

const REASON_KEYS = {
  stall: 'badgeReasonStall',
  drop: 'badgeReasonDrop',
  underPlan: 'badgeReasonUnderPlan',
} as const satisfies Record<BadgeReason, string>;

export function badgeTitle(b: Badge): string {
  const name = t('extName');
  if (b.health === null) return name;
  const res = b.resolution ?? t('badgeUnknownResolution');
  const state =
    b.health === 'stalling'
      ? tn('badgeStalling', b.stalls, res)
      : b.health === 'degraded'
        ? t('badgeDegraded', b.reasons.map((r) => t(REASON_KEYS[r])).join(', '), res)
        : t('badgePlaying', res);
  return `${name}: ${state}`;
}
