/**
 * The probe's wrappers look like the natives they stand for: source text through any toString, name,
 * length, own keys; and an error the native throws leaves without a frame of the wrapper.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { disguise, disguiseToString } from '@/entrypoints/probe.content/stealth';

const nativeToString = Function.prototype.toString;
afterEach(() => {
  Function.prototype.toString = nativeToString;
});

describe('disguised wrappers', () => {
  it('show the native source text, name, length and keys', () => {
    const owner = { parse: JSON.parse };
    const calls: unknown[][] = [];
    disguiseToString();
    owner.parse = disguise(JSON.parse, (native, self, args) => {
      calls.push(args);
      return Reflect.apply(native, self, args);
    });
    expect(owner.parse('[1]')).toEqual([1]);
    expect(calls).toEqual([['[1]']]);
    const f = owner.parse;
    expect(Function.prototype.toString.call(f)).toBe('function parse() { [native code] }');
    expect(f.toString()).toBe('function parse() { [native code] }');
    expect(String(f)).toBe('function parse() { [native code] }');
    expect(Function.prototype.toString.call(Function.prototype.toString)).toBe(
      'function toString() { [native code] }',
    );
    expect([f.name, f.length]).toEqual(['parse', 2]);
    expect(Reflect.ownKeys(f)).toEqual(Reflect.ownKeys(JSON.parse));
    expect('prototype' in f).toBe(false);
  });

  it('an error the native throws has no frame of the wrapper', () => {
    const wrapped = disguise(JSON.parse, (native, self, args) => Reflect.apply(native, self, args));
    function pageCode() {
      return wrapped('{');
    }
    let stack = '';
    try {
      pageCode();
    } catch (e) {
      stack = String((e as Error).stack);
    }
    expect(stack).toMatch(/^SyntaxError/);
    expect(stack.split('\n')[1]).toMatch(/at pageCode /);
    expect(stack).not.toMatch(/stealth\.ts/);
  });

  it('toString of a non-function throws as the native does, with its builtin frame first', () => {
    // As in a page without its own stack hook (vitest installs one).
    const hook = Error.prepareStackTrace;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    onTestFinished(() => {
      Error.prepareStackTrace = hook;
    });
    const stackOf = () => {
      try {
        Function.prototype.toString.call({});
      } catch (e) {
        return String((e as Error).stack)
          .split('\n')
          .slice(0, 2);
      }
      return [];
    };
    const before = stackOf();
    disguiseToString();
    const after = stackOf();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe('    at Object.toString (<anonymous>)');
    expect(before[1]).toBe(after[1]);
  });
});
