/**
 * Canonical JSON ('json-sorted-keys-v1'): object keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings exactly as JSON.stringify writes them. For the values evidence holds (finite numbers,
 * strings, booleans, null, arrays, plain objects) this is the RFC 8785 (JCS) serialisation, so anyone
 * can reproduce a hash from the parsed file: re-indenting a file does not change it, editing a value does.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`not a finite number: ${value}`);
      // JSON.stringify(-0) is '0', as JCS wants.
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      const obj = value as Record<string, unknown>;
      // Keys whose value is undefined are absent in JSON, so they are absent here too.
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`not representable in JSON: ${typeof value}`);
  }
}
