/**
 * A record that fails validation is moved here, never dropped and never a reason to reset history.
 * Rows keep a JSON-safe, size-capped copy and the zod reasons; one fingerprint per bad record so a
 * resent batch does not report the same record twice.
 */
import type { Reason } from './chunks';
import { putQuarantine } from './quarantine-store';
import type { QuarantineRow, QuarantineSource } from './rows';
import type { WitnessDb } from './schema';

export const RAW_CAP_CHARS = 4096;
/** A chunk is evidence of up to a few hundred records: its copy keeps every byte (base64). */
export const CHUNK_RAW_CAP_CHARS = 64 * 1024;
const MAX_REASONS = 10;

const base64 = (b: ArrayBufferView): string => {
  const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** JSON text of anything, keeping what JSON would lose silently (NaN, ±Infinity, bigint, typed arrays). */
function jsonText(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'bigint') return `${v}n`;
      if (ArrayBuffer.isView(v)) return { [Object.prototype.toString.call(v).slice(8, -1)]: base64(v) };
      return v;
    });
    return text ?? JSON.stringify(String(value));
  } catch (err) {
    return JSON.stringify({ unserializable: String(err) });
  }
}

/** A JSON-safe copy, or its head when larger than the cap. */
export function toJsonSafe(value: unknown, cap = RAW_CAP_CHARS): unknown {
  const text = jsonText(value);
  if (text.length <= cap) return JSON.parse(text);
  return { truncated: true, length: text.length, head: text.slice(0, cap) };
}

/** Two FNV-1a 32-bit hashes with different seeds: 64 bits, enough to tell bad records apart. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function reasonsOf(error: Reason): string[] {
  if (typeof error === 'string') return [error];
  return error.issues
    .slice(0, MAX_REASONS)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

export function quarantineRow(
  store: QuarantineSource,
  raw: unknown,
  reason: Reason,
  at: number,
  key?: unknown,
  cap = RAW_CAP_CHARS,
): QuarantineRow {
  const text = jsonText(raw);
  return {
    at,
    store,
    reason: reasonsOf(reason),
    raw: toJsonSafe(raw, cap),
    ...(key === undefined ? {} : { key: toJsonSafe(key) }),
    fp: fingerprint(`${store}\n${text}`),
  };
}

/** Why a stored value is unusable, or null when it is fine. */
export type Check = (raw: unknown) => Reason | null;

/** A zod schema (full or mini) as a Check. */
export const schemaCheck =
  (schema: { safeParse(v: unknown): { success: true } | { success: false; error: Reason } }): Check =>
  (raw) => {
    const p = schema.safeParse(raw);
    return p.success ? null : p.error;
  };

export type Validated = 'sessions' | 'events' | 'sampleChunks' | 'requestChunks';

const SOURCE: Record<Validated, QuarantineSource> = {
  sessions: 'sessions',
  events: 'events',
  sampleChunks: 'samples',
  requestChunks: 'events',
};

/**
 * Moves the rows at `keys` that (still) fail `check` from `storeName` to quarantine, in one tx.
 * The worker calls this after a read-only tx (quarantineMisfits), so a corrupt row is reported once and
 * the rest shown.
 */
export async function moveToQuarantine(
  db: WitnessDb,
  storeName: Validated,
  keys: IDBValidKey[],
  check: Check,
  now: number,
): Promise<number> {
  if (keys.length === 0) return 0;
  const tx = db.transaction([storeName, 'quarantine', 'meta'], 'readwrite');
  // The key types differ per store; the rows are unknown until checked anyway.
  const store = tx.objectStore(storeName) as unknown as {
    get(k: IDBValidKey): Promise<unknown>;
    delete(k: IDBValidKey): Promise<void>;
  };
  const cap = storeName === 'sampleChunks' || storeName === 'requestChunks' ? CHUNK_RAW_CAP_CHARS : undefined;
  let moved = 0;
  for (const key of keys) {
    const raw = await store.get(key);
    if (raw === undefined) continue;
    const reason = check(raw);
    if (reason === null) continue;
    const row = quarantineRow(SOURCE[storeName], raw, reason, now, key, cap);
    await putQuarantine(tx.objectStore('quarantine'), tx.objectStore('meta'), row);
    await store.delete(key);
    moved++;
  }
  await tx.done;
  return moved;
}

/**
 * A batch the worker refused as a whole (its message did not parse): one row, the batch's capped copy
 * and why, once per distinct batch. The sender treats the refusal as final (video-tracker/outbox.ts).
 */
export async function quarantineBatch(
  db: WitnessDb,
  raw: unknown,
  reason: Reason,
  now: number,
): Promise<boolean> {
  const tx = db.transaction(['quarantine', 'meta'], 'readwrite');
  const added = await putQuarantine(
    tx.objectStore('quarantine'),
    tx.objectStore('meta'),
    quarantineRow('batch', raw, reason, now),
  );
  await tx.done;
  return added;
}

/**
 * Rows a read found unusable, with the check that failed them. A read reports them and writes nothing;
 * the worker, the database's one owner, moves them (quarantineMisfits) after answering from the rest.
 */
export interface Misfit {
  store: Validated;
  keys: IDBValidKey[];
  check: Check;
}

/** What a read returns: the good records, and the bad rows it set aside unmoved. */
export interface Read<T> {
  value: T;
  misfits: Misfit[];
}

export async function quarantineMisfits(
  db: WitnessDb,
  misfits: readonly Misfit[],
  now: number,
): Promise<number> {
  let moved = 0;
  for (const m of misfits) moved += await moveToQuarantine(db, m.store, m.keys, m.check, now);
  return moved;
}
