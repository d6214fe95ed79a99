import type { Site } from './site';

/** Prime Video: recognised by host only; capture itself is generic. */
export const prime: Site = {
  id: 'prime',
  name: 'Prime Video',
  hosts: ['primevideo.com'],
};
