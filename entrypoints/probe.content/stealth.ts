/**
 * What the MAIN-world probe needs from the page's globals, taken once when it starts (document_start,
 * before any page script), and the wrappers it puts in place of the page's functions. The page must not
 * be able to tell it is watched (a service that could see the extension could treat its users
 * differently), so:
 * - every global the probe uses later is this first copy, never looked up again: a page that replaces
 *   `setTimeout`, `dispatchEvent` or a getter does not see the probe call it;
 * - a wrapper is a Proxy over the native function: `name`, `length`, own keys and prototype are the
 *   native's, and `Function.prototype.toString` (wrapped the same way) answers for it with the
 *   native's source text, "function appendBuffer() { [native code] }";
 * - an error the native throws leaves with the stack it would have had without the wrapper (no frame
 *   of ours, no extension URL).
 */
const apply = Reflect.apply;
const ProxyCtor = Proxy;
const createObject = Object.create;
const WeakMapCtor = WeakMap;
const weakGet = WeakMap.prototype.get;
const weakSet = WeakMap.prototype.set;
const captureStack = (Error as { captureStackTrace?: (target: object, fn?: unknown) => void })
  .captureStackTrace;

/** Each wrapper → the native it stands for. */
const natives = new WeakMapCtor<object, unknown>();

/**
 * `around` runs in place of `native`, given the native, `this` and the arguments. `restack` may amend
 * the stack of an error the native threw, once our frames are out of it.
 */
export function disguise<F extends (...args: never[]) => unknown>(
  native: F,
  around: (native: F, self: unknown, args: unknown[]) => unknown,
  restack?: (error: object, self: unknown) => void,
): F {
  // A handler without a prototype: a page that adds `get` or `apply` to Object.prototype would
  // otherwise be asked by every Proxy trap lookup, and so find our wrappers.
  const handler = createObject(null) as ProxyHandler<F>;
  const trap = (target: F, self: unknown, args: unknown[]): unknown => {
    try {
      return around(target, self, args);
    } catch (e) {
      // The native's own error: re-stacked as if thrown where the page called, without our frames.
      if (captureStack && e !== null && typeof e === 'object') {
        captureStack(e, trap);
        restack?.(e, self);
      }
      throw e;
    }
  };
  handler.apply = trap;
  const wrapper = new ProxyCtor(native, handler);
  apply(weakSet, natives, [wrapper, native]);
  return wrapper;
}

/** The page's Function.prototype.toString, made to answer for the wrappers with their natives' text. */
export function disguiseToString(): void {
  const proto = Function.prototype;
  const native = proto.toString;
  proto.toString = disguise(
    native,
    (ts, self, args) => apply(ts, (apply(weakGet, natives, [self]) as object | undefined) ?? self, args),
    builtinFrame,
  );
}

const getProto = Object.getPrototypeOf;
const ownProperty = Object.getOwnPropertyDescriptor;
const ErrorCtor = Error as unknown as { prepareStackTrace?: unknown; stackTraceLimit?: unknown };

/** The type V8 names a receiver by in a stack frame ("Object", "Number", a class name, a toStringTag). */
function typeName(self: unknown): string {
  switch (typeof self) {
    case 'number':
      return 'Number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'symbol':
      return 'Symbol';
    case 'bigint':
      return 'BigInt';
  }
  // Loops, not a list of keys: iterating an array would ask the page's Array.prototype.
  for (let o = self as object | null; o !== null; o = getProto(o) as object | null) {
    const d = ownProperty(o, Symbol.toStringTag);
    if (d && 'value' in d && typeof d.value === 'string' && d.value) return d.value;
  }
  for (let o = self as object | null; o !== null; o = getProto(o) as object | null) {
    const d = ownProperty(o, 'constructor');
    const name =
      d && 'value' in d && typeof d.value === 'function' ? ownProperty(d.value, 'name')?.value : null;
    if (typeof name === 'string' && name) return name;
  }
  return 'Object';
}

/** text[from, to) without String.prototype.slice, which the page may have replaced. */
function part(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += text[i];
  return out;
}

/**
 * Function.prototype.toString on a non-function throws from the builtin, whose frame V8 shows first
 * ("at Object.toString (<anonymous>)"); captureStackTrace dropped it with ours. Put it back in the
 * text. (A page's own Error.prepareStackTrace would still get the frames without it: see docs.)
 */
function builtinFrame(error: object, self: unknown): void {
  if (typeof self === 'function' || ErrorCtor.prepareStackTrace !== undefined) return;
  const text = (error as { stack?: unknown }).stack;
  if (typeof text !== 'string') return;
  let cut = 0;
  while (cut < text.length && text[cut] !== '\n') cut++;
  let rest = part(text, cut, text.length);
  // The native capture held at most stackTraceLimit frames, the builtin's among them.
  const limit = ErrorCtor.stackTraceLimit;
  if (typeof limit === 'number') {
    let frames = 0;
    let last = rest.length;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] !== '\n') continue;
      frames++;
      if (frames === limit) last = i;
    }
    if (frames >= limit) rest = part(rest, 0, last);
  }
  const at = self === null || self === undefined ? 'toString' : `${typeName(self)}.toString`;
  (error as { stack?: unknown }).stack = `${part(text, 0, cut)}\n    at ${at} (<anonymous>)${rest}`;
}

/** Calls `fn` with `self` and the argument list, as the native would be called. */
export const invoke = <R>(fn: (...args: never[]) => R, self: unknown, args: unknown[]): R =>
  apply(fn as (...a: unknown[]) => R, self, args);

/** Calls `fn` as a method of `self` without looking up anything the page can replace. */
export function call<R>(fn: (...args: never[]) => R, self: unknown, a?: unknown, b?: unknown): R {
  // No rest parameters or spread: both go through Array.prototype[Symbol.iterator], which a page can replace.
  return apply(fn as (...x: unknown[]) => R, self, a === undefined ? [] : b === undefined ? [a] : [a, b]);
}

/** The getter of `name` on `proto` (a prototype the probe reads through natives only). */
export function getter<T>(proto: object, name: string): (self: unknown) => T {
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (!get) throw new Error(`no getter ${name}`);
  return (self) => apply(get, self, []) as T;
}
