/**
 * The frame sizes every user of the HD rule (utils/metrics/resolution: effective height, 5 % tolerance)
 * is tested against: the aggregate's ms720/ms1080, the badge, the report chart, the picture score and the
 * evidence summary. One table, so the places that show "HD" cannot drift apart again.
 */
import type { ResolutionClass } from '@/utils/metrics/resolution';

export interface FrameSize {
  name: string;
  w: number;
  h: number;
  cls: ResolutionClass;
  hd: boolean;
  fullHd: boolean;
}

export const FRAME_SIZES: readonly FrameSize[] = [
  { name: '720p', w: 1280, h: 720, cls: '720', hd: true, fullHd: false },
  { name: '720p with cropped lines', w: 1280, h: 718, cls: '720', hd: true, fullHd: false },
  { name: '1216×684 (5 % short of 720)', w: 1216, h: 684, cls: '720', hd: true, fullHd: false },
  { name: 'just under the tolerance', w: 1214, h: 683, cls: '480', hd: false, fullHd: false },
  { name: 'scope 720p (2.39:1)', w: 1280, h: 536, cls: '720', hd: true, fullHd: false },
  { name: 'portrait 720p', w: 720, h: 1280, cls: '720', hd: true, fullHd: false },
  { name: 'portrait 405×720 (405 columns)', w: 405, h: 720, cls: 'SD', hd: false, fullHd: false },
  { name: 'portrait 1080p', w: 1080, h: 1920, cls: '1080', hd: true, fullHd: true },
  { name: '480p', w: 854, h: 480, cls: '480', hd: false, fullHd: false },
  { name: '360p', w: 640, h: 360, cls: 'SD', hd: false, fullHd: false },
  { name: '4:3 at 720 lines', w: 960, h: 720, cls: '720', hd: true, fullHd: false },
  { name: '1080p', w: 1920, h: 1080, cls: '1080', hd: true, fullHd: true },
  { name: 'scope 1080p', w: 1920, h: 800, cls: '1080', hd: true, fullHd: true },
  { name: 'ultrawide 2560×1080', w: 2560, h: 1080, cls: '1440', hd: true, fullHd: true },
  { name: '4K', w: 3840, h: 2160, cls: '4K', hd: true, fullHd: true },
  { name: 'scope 4K', w: 3840, h: 1600, cls: '4K', hd: true, fullHd: true },
];
