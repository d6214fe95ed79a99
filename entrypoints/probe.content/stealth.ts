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

/** `around` runs in place of `native`, given the native, `this` and the arguments. */
export function disguise<F extends (...args: never[]) => unknown>(
  native: F,
  around: (native: F, self: unknown, args: unknown[]) => unknown,
): F {
  // A handler without a prototype: a page that adds `get` or `apply` to Object.prototype would
  // otherwise be asked by every Proxy trap lookup, and so find our wrappers.
  const handler = createObject(null) as ProxyHandler<F>;
  const trap = (target: F, self: unknown, args: unknown[]): unknown => {
    try {
      return around(target, self, args);
    } catch (e) {
      // The native's own error: re-stacked as if thrown where the page called, without our frames.
      if (captureStack && e !== null && typeof e === 'object') captureStack(e, trap);
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
  proto.toString = disguise(native, (ts, self, args) =>
    apply(ts, (apply(weakGet, natives, [self]) as object | undefined) ?? self, args),
  );
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
