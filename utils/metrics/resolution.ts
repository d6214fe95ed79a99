/**
 * Resolution classes and display scaling. A class goes by the effective height max(short side,
 * long side · 9/16): letterboxed 1920×800 and portrait 1080×1920 count as 1080, and an ultrawide 2560×1080
 * counts as 1440 because it carries that many columns. An encode up to 5 % short of a nominal height
 * (cropped lines, 1280×718) still counts as that height.
 */
export type ResolutionClass = '4K' | '1440' | '1080' | '720' | '480' | 'SD' | '';

export interface Size {
  w: number;
  h: number;
}

/** Nominal heights, highest first. */
const CLASSES: ReadonlyArray<readonly [ResolutionClass, number]> = [
  ['4K', 2160],
  ['1440', 1440],
  ['1080', 1080],
  ['720', 720],
  ['480', 480],
];
export const CLASS_TOLERANCE = 0.95;

const positive = (n: number) => Number.isFinite(n) && n > 0;

/** The 16:9 height equivalent of a frame, or 0 when it has no size. */
export function effectiveHeight(w: number, h: number): number {
  if (!positive(w) || !positive(h)) return 0;
  return Math.max(Math.min(w, h), (Math.max(w, h) * 9) / 16);
}

export function resolutionClass(w: number, h: number): ResolutionClass {
  const eff = effectiveHeight(w, h);
  if (eff === 0) return '';
  for (const [name, height] of CLASSES) if (eff >= height * CLASS_TOLERANCE) return name;
  return 'SD';
}

/** At least `nominalHeight` (720, 1080…) by the rule that names the class, so totals match the labels. */
export function reaches(w: number, h: number, nominalHeight: number): boolean {
  const eff = effectiveHeight(w, h);
  return eff > 0 && eff >= nominalHeight * CLASS_TOLERANCE;
}

/**
 * The one HD rule: what "HD" time (ms720, share720, the picture score, HD Verified, the badge and the
 * report's chart) counts. Scope 1280×536 and portrait 720×1280 are HD (1280 columns of picture); portrait
 * 405×720 is not (405 columns: the pixels of 720×405, a 405p frame turned on its side).
 */
export const isHd = (w: number, h: number): boolean => reaches(w, h, 720);
/** The same rule at 1080 (ms1080, share1080). */
export const isFullHd = (w: number, h: number): boolean => reaches(w, h, 1080);

/** Fewer pixels than before. A size of 0 (nothing decoded yet, or a reset) is never a drop. */
export function isDrop(from: Size, to: Size): boolean {
  if (!positive(from.w) || !positive(from.h) || !positive(to.w) || !positive(to.h)) return false;
  return to.w * to.h < from.w * from.h;
}

/** How much the displayed picture (CSS px, as stored) is larger than the video, as REFERENCE.md defines. */
function scale(displayW: number, displayH: number, videoW: number, videoH: number): number | null {
  if (![displayW, displayH, videoW, videoH].every(positive)) return null;
  return Math.min(displayW / videoW, displayH / videoH);
}

/** max(0, s − 1) with s = min(dw/vw, dh/vh); null when a size is unknown (hidden element, no frame). */
export function upscale(displayW: number, displayH: number, videoW: number, videoH: number): number | null {
  const s = scale(displayW, displayH, videoW, videoH);
  return s === null ? null : Math.max(0, s - 1);
}

/** max(0, 1 − s). */
export function downscale(displayW: number, displayH: number, videoW: number, videoH: number): number | null {
  const s = scale(displayW, displayH, videoW, videoH);
  return s === null ? null : Math.max(0, 1 - s);
}
