import type { Site } from './site';

/** Twitch: recognised by host only; capture itself is generic. */
export const twitch: Site = {
  id: 'twitch',
  name: 'Twitch',
  hosts: ['twitch.tv'],
};
