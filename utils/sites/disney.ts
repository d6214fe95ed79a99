import type { Site } from './site';

/** Disney+: recognised by host only; capture itself is generic. */
export const disney: Site = {
  id: 'disney',
  name: 'Disney+',
  hosts: ['disneyplus.com'],
};
