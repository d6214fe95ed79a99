import type { Site } from './site';

/** Hulu: recognised by host only; capture itself is generic. */
export const hulu: Site = {
  id: 'hulu',
  name: 'Hulu',
  hosts: ['hulu.com'],
};
