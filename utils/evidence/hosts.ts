/** Hostnames only, never URLs: the one gate every host passes on its way into evidence. */

/** A hostname from whatever was stored: drops a scheme, credentials, path, query and fragment. */
export function hostOnly(raw: string): string {
  let h = raw.trim();
  const scheme = h.indexOf('://');
  if (scheme >= 0) h = h.slice(scheme + 3);
  h = h.split(/[/?#]/, 1)[0] ?? '';
  h = h.slice(h.lastIndexOf('@') + 1).toLowerCase();
  return /^[a-z0-9._:[\]-]{0,255}$/.test(h) ? h : 'invalid-host';
}
