import type { Service } from '../schema/playback';

/** A streaming service we name in the UI and watch by default. Recognition is by hostname only. */
export interface Site {
  id: Exclude<Service, 'other'>;
  name: string;
  /** Registrable domains; a host matches itself or any subdomain. */
  hosts: readonly string[];
}
