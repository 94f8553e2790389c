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
