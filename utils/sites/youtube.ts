import type { Site } from './site';

/** YouTube: recognised by host only; capture itself is generic. */
export const youtube: Site = {
  id: 'youtube',
  name: 'YouTube',
  hosts: ['youtube.com', 'youtube-nocookie.com'],
};
