/**
 * Schema validation whose report stays bounded whatever the file holds. zod gathers every issue of an
 * array into its parent with a spread, so an array of a million bad items overflows the stack
 * (RangeError) instead of saying "invalid". When that happens the check descends: an object key by key,
 * an array slice by slice (item by item if a slice overflows too), so no single parse returns more
 * issues than a spread can take, and only the first `keep` issues are kept (the rest are counted).
 */
import { z } from '../schema/zod';

export interface BoundedIssue {
  path: PropertyKey[];
  message: string;
}

export interface BoundedResult<T> {
  success: boolean;
  data?: T;
  /** The first issues found, in document order. */
  issues: BoundedIssue[];
  /** Every issue found, listed or not. */
  count: number;
}

/** Arrays longer than this are checked in slices once the whole file overflowed. */
const LONG = 1000;
/** Items per slice: few enough that their issues never overflow a spread. */
const SLICE = 5000;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Nullable/optional wrappers say nothing about a value that is present: look through them. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let s = schema;
  for (let d = defOf(s); (d.type === 'nullable' || d.type === 'optional') && d.innerType; d = defOf(s)) {
    if (value === null || value === undefined) return s;
    s = d.innerType;
  }
  return s;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function boundedParse<T>(schema: z.ZodType<T>, data: unknown, keep: number): BoundedResult<T> {
  const issues: BoundedIssue[] = [];
  let count = 0;
  const add = (path: PropertyKey[], message: string) => {
    count++;
    if (issues.length < keep) issues.push({ path, message });
  };

  const check = (schema: z.ZodType, value: unknown, path: PropertyKey[]): void => {
    // Below an overflow, a long array is checked in slices at once: parsing it whole first would only
    // overflow again. (An array with checks of its own, such as lengths, is parsed whole first.)
    const inner = unwrap(schema, value);
    const def = defOf(inner);
    if (Array.isArray(value) && value.length > LONG && def.type === 'array' && !def.checks?.length) {
      descend(inner, value, path);
      return;
    }
    let r: ReturnType<z.ZodType['safeParse']>;
    try {
      r = schema.safeParse(value);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      descend(unwrap(schema, value), value, path);
      return;
    }
    if (!r.success) collect(r.error.issues, path);
  };

  // Read by index: never spread or map a list that may hold a million entries.
  const collect = (list: readonly { path: PropertyKey[]; message: string }[], path: PropertyKey[]) => {
    for (let i = 0; i < list.length; i++) {
      const issue = list[i];
      if (issue) add([...path, ...issue.path], issue.message);
    }
  };

  const descend = (schema: z.ZodType, value: unknown, path: PropertyKey[]): void => {
    const def = defOf(schema);
    const element = def.element;
    if (def.type === 'array' && element && Array.isArray(value)) {
      // Slices parse at the speed of the whole array with a bounded number of issues each; a slice that
      // still overflows (items with huge arrays inside) goes item by item.
      const slice = z.array(element);
      for (let from = 0; from < value.length; from += SLICE) {
        const part = value.slice(from, from + SLICE);
        let r: ReturnType<z.ZodType['safeParse']>;
        try {
          r = slice.safeParse(part);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          for (let i = 0; i < part.length; i++) check(element, part[i], [...path, from + i]);
          continue;
        }
        if (r.success) continue;
        const list = r.error.issues;
        for (let i = 0; i < list.length; i++) {
          const issue = list[i];
          if (!issue) continue;
          const [at, ...rest] = issue.path;
          add([...path, typeof at === 'number' ? from + at : (at ?? from), ...rest], issue.message);
        }
      }
      return;
    }
    const shape = def.shape;
    if (def.type === 'object' && shape && isPlainObject(value)) {
      const before = count;
      for (const [key, sub] of Object.entries(shape)) check(sub, value[key], [...path, key]);
      // Strict objects: a key the schema does not know is an issue of the object itself.
      if (!def.catchall || defOf(def.catchall).type === 'never') {
        const extra = Object.keys(value).filter((k) => !(k in shape));
        if (extra.length > 0) add(path, `Unrecognized key(s) in object: ${extra.slice(0, 5).join(', ')}`);
      }
      if (count > before) return;
    }
    // Nothing smaller to look into (or every part passed alone): the value as a whole is the issue.
    add(path, 'Too many problems in this value to list');
  };

  let parsed: ReturnType<z.ZodType<T>['safeParse']> | null = null;
  try {
    parsed = schema.safeParse(data);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  if (parsed?.success) return { success: true, data: parsed.data, issues, count };
  if (parsed) collect(parsed.error.issues, []);
  else descend(schema, data, []);
  return { success: false, issues, count };
}
