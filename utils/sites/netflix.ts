import type { Site } from './site';

/** Netflix: recognised by host only; capture itself is generic. */
export const netflix: Site = {
  id: 'netflix',
  name: 'Netflix',
  hosts: ['netflix.com'],
};
