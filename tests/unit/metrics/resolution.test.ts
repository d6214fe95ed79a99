import { describe, expect, it } from 'vitest';
import { downscale, isDrop, isHd, reaches, resolutionClass, upscale } from '@/utils/metrics/resolution';

describe('resolutionClass', () => {
  it.each([
    [3840, 2160, '4K'],
    [3840, 1600, '4K'],
    [2560, 1440, '1440'],
    [2560, 1080, '1440'],
    [1920, 1080, '1080'],
    [1920, 800, '1080'],
    [1440, 1080, '1080'],
    [1080, 1920, '1080'],
    [1280, 720, '720'],
    [1280, 718, '720'],
    [1280, 534, '720'],
    [1264, 712, '720'],
    [1216, 684, '720'],
    [1208, 680, '480'],
    [1916, 1036, '1080'],
    [960, 720, '720'],
    [720, 1280, '720'],
    [1152, 648, '480'],
    [1024, 576, '480'],
    [854, 480, '480'],
    [640, 360, 'SD'],
    [405, 720, 'SD'],
    [426, 240, 'SD'],
    [0, 0, ''],
    [1920, 0, ''],
    [Number.NaN, 1080, ''],
  ])('%s×%s → %s', (w, h, expected) => {
    expect(resolutionClass(w, h)).toBe(expected);
  });

  it.each([
    [1280, 720, true],
    [1280, 534, true],
    [1024, 576, false],
    [0, 0, false],
  ])('isHd(%s, %s) = %s', (w, h, expected) => {
    expect(isHd(w, h)).toBe(expected);
  });

  it.each([
    [1920, 1080, 1080, true],
    [1916, 1036, 1080, true],
    [1280, 720, 1080, false],
    [405, 720, 720, false],
    [0, 0, 0, false],
  ])('reaches(%s, %s, %s) = %s, as the class label says', (w, h, height, expected) => {
    expect(reaches(w, h, height)).toBe(expected);
  });
});

describe('isDrop', () => {
  it.each([
    [[1920, 1080], [1280, 720], true],
    [[1280, 720], [1920, 1080], false],
    [[1280, 720], [1280, 720], false],
    [[1920, 800], [1440, 1080], false],
    [[0, 0], [640, 360], false],
    [[1920, 1080], [0, 0], false],
  ])('%j → %j: %s', ([fw, fh], [tw, th], expected) => {
    expect(isDrop({ w: fw as number, h: fh as number }, { w: tw as number, h: th as number })).toBe(expected);
  });
});

describe('upscale / downscale', () => {
  it.each([
    ['720p shown at 1080p: s = 1.5', [1920, 1080, 1280, 720], 0.5, 0],
    ['letterboxed in a taller box: the limiting side counts', [1920, 1200, 1280, 720], 0.5, 0],
    ['1080p in a 960×540 player: s = 0.5', [960, 540, 1920, 1080], 0, 0.5],
    ['native', [1280, 720, 1280, 720], 0, 0],
  ])('%s', (_name, [dw, dh, vw, vh], up, down) => {
    expect(upscale(dw as number, dh as number, vw as number, vh as number)).toBeCloseTo(up, 9);
    expect(downscale(dw as number, dh as number, vw as number, vh as number)).toBeCloseTo(down, 9);
  });

  it('is unknown when the element is hidden or no frame is decoded', () => {
    expect(upscale(0, 0, 1280, 720)).toBeNull();
    expect(upscale(1280, 720, 0, 0)).toBeNull();
    expect(downscale(1280, 720, 0, 0)).toBeNull();
  });
});
