import type { Site } from './site';

/** Max: recognised by host only; capture itself is generic. */
export const max: Site = {
  id: 'max',
  name: 'Max',
  hosts: ['max.com', 'hbomax.com'],
};
