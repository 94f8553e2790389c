// `npm start -- … --hydrate`: Zapier's runner prints a transcript field as the pointer a step
// returns; Zapier resolves it only when a later step maps the field. This resolves each one the
// way Zapier would, so a newcomer sees the text a mapped field carries.

const POINTER = /^hydrate\|\|\|(.*)\|\|\|hydrate$/s;

/** The inputData of a transcript pointer; null for any other value (a file pointer included). */
export const transcriptPointerIn = (value: unknown): Record<string, unknown> | null => {
  const json = typeof value === 'string' ? POINTER.exec(value)?.[1] : undefined;
  if (json === undefined) return null;
  const payload = JSON.parse(json) as { method?: unknown; bundle?: Record<string, unknown> };
  return payload.method === 'hydrators.transcript' && payload.bundle !== undefined ? payload.bundle : null;
};

/** A copy of `value` with every transcript pointer replaced by what `resolve` gives for it. */
export const hydrateTranscripts = async (
  value: unknown,
  resolve: (inputData: Record<string, unknown>) => Promise<unknown>,
): Promise<unknown> => {
  const pointer = transcriptPointerIn(value);
  if (pointer !== null) return resolve(pointer);
  if (Array.isArray(value)) return Promise.all(value.map((entry) => hydrateTranscripts(entry, resolve)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, entry]) => [key, await hydrateTranscripts(entry, resolve)]),
    );
    return Object.fromEntries(entries) as unknown;
  }
  return value;
};
