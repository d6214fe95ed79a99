/**
 * The probe's side of the page → content channel: the event name and the message shape, with no
 * parser (the probe runs in the page and must stay tiny; the content script parses).
 */
export const PROBE_EVENT = 'streamwitness:probe';

export type ProbeMessage =
  | { k: 'ms'; ms: number; url: string }
  | { k: 'sb'; ms: number; sb: number; mime: string }
  | { k: 'ap'; sb: number; bytes: number; start: number; end: number }
  | { k: 'rm'; sb: number; start: number; end: number }
  | { k: 'ab'; sb: number };
