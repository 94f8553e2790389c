// What `npm run probe` records of an answer and of the app reading it. Only shapes: key paths
// (`aweme_list[].statistics.play_count`, every array element under `[]`), JSON types and array
// lengths, never a value. Pure, so the probe's comparison is tested without a network.

/** A JSON type as the answer's text has it; `big integer` is a JSON number past 2^53 (an id). */
export type JsonType = 'string' | 'number' | 'big integer' | 'boolean' | 'null' | 'object' | 'array';

export interface PathShape {
  path: string;
  types: JsonType[];
  /** For an array: the fewest and most elements it had (elements of every array at this path). */
  lengths?: [number, number];
}

const BIG = Symbol('big integer');
type Parsed = { [BIG]: true } | null | boolean | number | string | Parsed[] | { [key: string]: Parsed };

// Node 22's JSON.parse hands a reviver each value's source text, so a 19-digit id sent as a JSON
// number is told apart from a small one before the parse rounds it.
const markBig = (_key: string, value: unknown, context: { source: string }): unknown =>
  typeof value === 'number' && !Number.isSafeInteger(value) && /^-?\d+$/.test(context.source)
    ? { [BIG]: true }
    : value;

const typeOf = (value: Parsed): JsonType => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return BIG in value ? 'big integer' : 'object';
  return typeof value as 'string' | 'number' | 'boolean';
};

// An object keyed by ids (TikTok's web JSON keys its item module by post id) would put values
// into the report: such keys are written as one `<id>`.
const keyName = (key: string): string => (/^\d{6,}$/.test(key) ? '<id>' : key);
const child = (path: string, key: string): string => (path === '' ? keyName(key) : `${path}.${keyName(key)}`);

/** The shape of an answer's JSON text, path by path in the order first met; null when it is no JSON. */
export const shapeOf = (content: string): PathShape[] | null => {
  let parsed: Parsed;
  try {
    parsed = JSON.parse(content, markBig as (key: string, value: unknown) => unknown) as Parsed;
  } catch {
    return null;
  }
  const shapes = new Map<string, { types: Set<JsonType>; lengths?: [number, number] }>();
  const visit = (value: Parsed, path: string): void => {
    const type = typeOf(value);
    const shape = shapes.get(path) ?? { types: new Set<JsonType>() };
    shapes.set(path, shape);
    shape.types.add(type);
    if (Array.isArray(value)) {
      const [fewest, most] = shape.lengths ?? [value.length, value.length];
      shape.lengths = [Math.min(fewest, value.length), Math.max(most, value.length)];
      for (const element of value) visit(element, `${path}[]`);
    } else if (type === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, Parsed>))
        visit(inner, child(path, key));
    }
  };
  visit(parsed, '');
  shapes.delete('');
  return [...shapes].map(([path, { types, lengths }]) => ({
    path,
    types: [...types].sort(),
    ...(lengths === undefined ? {} : { lengths }),
  }));
};

// Keys every object answers to without holding them: a reader that asks for them reads no field.
const NOT_FIELDS = new Set(['toJSON', 'then', ...Object.getOwnPropertyNames(Object.prototype)]);

/**
 * The paths `read` looks at when it reads `data` (TikTok's JSON as the app parsed it): every
 * property it gets, tests with `in` or lists, present or not. `data` is watched through proxies,
 * so the app's own readers run unchanged.
 */
export const pathsRead = (data: unknown, read: (data: unknown) => unknown): Set<string> => {
  const seen = new Set<string>();
  const proxies = new WeakMap<object, object>();
  const watch = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const known = proxies.get(value);
    if (known !== undefined) return known;
    const pathOf = (target: object, key: string): string | null => {
      if (Array.isArray(target)) return /^\d+$/.test(key) ? `${path}[]` : null;
      return NOT_FIELDS.has(key) && !Object.hasOwn(target, key) ? null : child(path, key);
    };
    const note = (target: object, key: string | symbol): string | null => {
      const at = typeof key === 'string' ? pathOf(target, key) : null;
      if (at !== null) seen.add(at);
      return at;
    };
    const proxy = new Proxy(value, {
      get: (target, key, receiver) => {
        const at = note(target, key);
        const inner: unknown = Reflect.get(target, key, receiver);
        return at === null ? inner : watch(inner, at);
      },
      has: (target, key) => {
        note(target, key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        note(target, key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        const keys = Reflect.ownKeys(target);
        for (const key of keys) note(target, key);
        return keys;
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  read(watch(data, ''));
  return seen;
};

export interface Differences {
  /** Paths the app reads and its model answer has, that this answer lacks. */
  readButAbsent: string[];
  /** Paths this answer has, that the model lacks and the app does not read (the outermost of each). */
  ignored: string[];
  /** Paths where the answer has a JSON type the model never has, and whether the app reads them. */
  typesDiffer: { path: string; model: JsonType[]; answer: JsonType[]; read: boolean }[];
}

export interface Observed {
  shape: PathShape[];
  read: Set<string>;
}

/**
 * How an answer differs from the model answer the app is built and tested against (the sandbox's),
 * as far as the app is concerned. An answer compared with itself has no difference.
 */
export const differences = (model: Observed, answer: Observed): Differences => {
  const modelTypes = new Map(model.shape.map(({ path, types }) => [path, types]));
  const answerTypes = new Map(answer.shape.map(({ path, types }) => [path, types]));
  const newUnread = answer.shape
    .map(({ path }) => path)
    .filter((path) => !modelTypes.has(path) && !answer.read.has(path));
  const unread = new Set(newUnread);
  // `a.b[]` is under `a.b`, `a.b` under `a`, and `a` under the answer itself ('').
  const parentOf = (path: string): string => {
    const parent = path.replace(/(\[\]|\.[^.[\]]*)$/, '');
    return parent === path ? '' : parent;
  };
  return {
    readButAbsent: model.shape
      .map(({ path }) => path)
      .filter((path) => model.read.has(path) && !answerTypes.has(path)),
    ignored: newUnread.filter((path) => !unread.has(parentOf(path))),
    typesDiffer: answer.shape.flatMap(({ path, types }) => {
      const expected = modelTypes.get(path);
      // Fewer types than the model (ids all strings where the model mixes in JSON numbers) is
      // what the app already reads; only a type it has never met is a difference.
      return expected === undefined || types.every((type) => expected.includes(type))
        ? []
        : [{ path, model: expected, answer: types, read: model.read.has(path) || answer.read.has(path) }];
    }),
  };
};

/** Whether two shapes' comparison found nothing. */
export const noDifference = ({ readButAbsent, ignored, typesDiffer }: Differences): boolean =>
  readButAbsent.length + ignored.length + typesDiffer.length === 0;
