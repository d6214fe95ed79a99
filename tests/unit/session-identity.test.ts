import { describe, expect, it } from 'vitest';
import { connectionType } from '@/entrypoints/video-tracker/session-identity';
import { SessionMeta } from '@/utils/schema/playback';

const nav = (connection: unknown) => ({ connection }) as unknown as Navigator;

describe('connectionType', () => {
  it('maps the Network Information API type to what the analysis knows', () => {
    expect(connectionType(nav({ type: 'ethernet' }))).toBe('ethernet');
    expect(connectionType(nav({ type: 'wifi' }))).toBe('wifi');
    expect(connectionType(nav({ type: 'cellular' }))).toBe('cellular');
    expect(connectionType(nav({ type: 'wimax' }))).toBe('cellular');
    expect(connectionType(nav({ type: 'bluetooth' }))).toBe('other');
    expect(connectionType(nav({ type: 'unknown' }))).toBe('unknown');
  });

  it('is absent where the browser hides it (desktop Chrome has only effectiveType; Firefox has neither)', () => {
    expect(connectionType(nav({ effectiveType: '4g' }))).toBeUndefined();
    expect(connectionType(nav(undefined))).toBeUndefined();
  });

  it('is a field the store accepts, and only with known values', () => {
    const meta = {
      id: 'abcdefgh12',
      pageHost: 'a.example',
      frameHost: 'a.example',
      service: 'other',
      startedAt: 1,
      tzOffsetMin: 0,
      delivery: 'mse',
      preview: false,
    };
    expect(SessionMeta.safeParse({ ...meta, connection: 'wifi' }).success).toBe(true);
    expect(SessionMeta.safeParse({ ...meta, connection: 'fibre' }).success).toBe(false);
  });
});
