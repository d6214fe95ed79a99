/**
 * Varint byte columns for the chunk codecs. Integers are unsigned LEB128 written with arithmetic, not
 * bit operators, so every value up to MAX_CODED (2^50) round-trips exactly; signed deltas are zigzag.
 * A reader throws CodecError on anything out of shape, so a damaged chunk is quarantined, never guessed.
 */

/** Largest magnitude a stored integer (or a scaled number) may have; deltas of two stay safe integers. */
export const MAX_CODED = 2 ** 50;

export class CodecError extends Error {
  override name = 'CodecError';
}

export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Unsigned integer 0 ≤ v ≤ 2^53 − 1. */
  uint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new CodecError(`not a storable unsigned integer: ${v}`);
    this.room(8);
    let x = v;
    while (x >= 0x80) {
      this.buf[this.len++] = (x % 0x80) | 0x80;
      x = Math.floor(x / 0x80);
    }
    this.buf[this.len++] = x;
  }

  /** Signed integer, zigzag: 0, −1, 1, −2 … → 0, 1, 2, 3 … */
  int(v: number): void {
    this.uint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Any string, exactly: UTF-16 code units as varints (one byte each for ASCII host names). */
  text(s: string): void {
    this.uint(s.length);
    for (let i = 0; i < s.length; i++) this.uint(s.charCodeAt(i));
  }

  /** A copy exactly as long as what was written: structured clone stores every byte of the buffer. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new CodecError('truncated');
      const b = this.buf[this.pos++] as number;
      v += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new CodecError('varint too long');
    }
    if (!Number.isSafeInteger(v)) throw new CodecError('varint too large');
    return v;
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  text(max: number): string {
    const n = this.uint();
    if (n > max) throw new CodecError('string too long');
    const units: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const u = this.uint();
      if (u > 0xffff) throw new CodecError('not a UTF-16 code unit');
      units[i] = u;
    }
    return String.fromCharCode(...units);
  }

  /** Throws unless every byte was read: trailing bytes mean the chunk is not what we wrote. */
  end(): void {
    if (this.pos !== this.buf.length) throw new CodecError('trailing bytes');
  }
}

/** `x` on a grid of 1/scale, as an integer; the caller has checked the range. */
export const toGrid = (x: number, scale: number): number => Math.round(x * scale);
/** The stored value of `x` on a grid of 1/scale (+0, never −0: what a decode gives back). */
export const onGrid = (x: number, scale: number): number => Math.round(x * scale) / scale + 0;
