// A number field as Zapier hands it to a step: a number from the API, or text from the editor,
// where people type `10,000` or `10 000` as often as `10000`. Every step's number inputs are read
// here, by one rule.

/** The whole number entered: null when the field was left empty, undefined when it is none. */
export const wholeNumberOf = (input: unknown): number | null | undefined => {
  const entered = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (entered === '') return null;
  const digits = entered.replace(/[,_ ]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : undefined;
};

/**
 * How many a step is asked for: `fallback` when the field was left empty, null when the input is
 * no whole number from 1 to `max`.
 */
export const countOf = (input: unknown, fallback: number, max: number): number | null => {
  const wanted = wholeNumberOf(input);
  if (wanted === null) return fallback;
  return wanted !== undefined && wanted >= 1 && wanted <= max ? wanted : null;
};
