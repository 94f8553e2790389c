// TikTok's JSON, as DumplingAI forwards it, read defensively: any value may be absent, null, of
// another type than documented, or a number sent as text. These readers never throw.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const objectAt = (value: unknown): JsonObject => (isObject(value) ? value : {});

export const objectsAt = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter(isObject).slice(0, MAX_ENTRIES) : [];

/** The first value that is not null, in order of preference. */
export const first = <T>(...values: (T | null)[]): T | null => values.find((value) => value !== null) ?? null;

// TikTok caps a caption at 4,000 characters; longer text is not TikTok's, and every later step
// of the Zap would carry it.
const MAX_TEXT = 5000;
// A photo post has at most 35 images; descriptions name a few dozen tags at most.
const MAX_ENTRIES = 100;

/** Text, where TikTok's `""` means absent. A number (an id sent as one) is kept as its digits. */
export const text = (value: unknown): string | null =>
  typeof value === 'string'
    ? value.trim() === ''
      ? null
      : value.slice(0, MAX_TEXT)
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : null;

/**
 * A number, whether TikTok sent it as one or as its digits (`"8817"`). An abbreviation such as
 * `"1.2M"` is not a count, so it is null rather than a guess.
 */
export const num = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};

export const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** TikTok's app JSON says yes and no with 1 and 0 in places. */
export const flag = (value: unknown): boolean | null =>
  typeof value === 'boolean' ? value : value === 1 ? true : value === 0 ? false : null;

/**
 * When a TikTok object (a post, an account, a comment) was made, in seconds since 1970, from its
 * web `createTime` or app `create_time`. TikTok's app user objects carry `create_time: 0` for a
 * time it does not tell, so 0 or less is unknown (null), never 1970.
 */
export const createdAt = (object: JsonObject): number | null => {
  const known = (value: unknown): number | null => {
    const seconds = num(value);
    return seconds !== null && seconds > 0 ? seconds : null;
  };
  return first(known(object.createTime), known(object.create_time));
};

/** An address: a string, or the first of a `urlList`/`url_list` (or a plain list) of them. */
export const address = (value: unknown): string | null => {
  if (Array.isArray(value)) return first(...value.map(text));
  if (isObject(value)) return address(value.urlList ?? value.url_list);
  return text(value);
};

// Zapier renders times with a timezone; TikTok's seconds since 1970 are UTC.
export const isoOf = (seconds: number | null): string | null => {
  const date = new Date(seconds === null ? Number.NaN : seconds * 1000);
  // A nonsense time (beyond the year 275760) has no date to write.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

// Node 22's JSON.parse hands a reviver each value's source text (ES2025 "JSON.parse source text
// access"), which TypeScript's lib does not declare yet.
const keepDigits = (_key: string, value: unknown, context: { source: string }): unknown =>
  typeof value === 'number' && !Number.isSafeInteger(value) && /^-?\d+$/.test(context.source)
    ? context.source
    : value;

/**
 * Parses an answer's JSON keeping every digit of a large integer: TikTok's 19-digit ids arrive
 * as JSON numbers in places, and a double keeps only about 16 digits. Such a number becomes its
 * digits as text. Null when the text is not JSON.
 */
export const parseAnswer = (content: string): unknown => {
  try {
    return JSON.parse(content, keepDigits as (key: string, value: unknown) => unknown);
  } catch (error) {
    // Reviving recurses, so an answer nested thousands of levels deep overflows the stack after
    // it has parsed; a plain parse reads it (its digits do not matter: such an answer is junk).
    return error instanceof RangeError ? (JSON.parse(content) as unknown) : null;
  }
};
