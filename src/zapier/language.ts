// The language of a video's captions, as steps take it: a two-letter ISO 639-1 code, offered as a
// list of the languages TikTok's captions most often come in, and any other code typed. Get TikTok
// Transcript and every step that gives a video's transcript as a field read it by this one rule.

export const DEFAULT_LANGUAGE = 'en';

const LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  pt: 'Portuguese',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  id: 'Indonesian',
  ja: 'Japanese',
  ko: 'Korean',
  zh: 'Chinese',
  ar: 'Arabic',
  hi: 'Hindi',
  ru: 'Russian',
  tr: 'Turkish',
  vi: 'Vietnamese',
  th: 'Thai',
  nl: 'Dutch',
  pl: 'Polish',
};

/** The choices offered; the field still takes a code typed in. */
export const LANGUAGE_CHOICES: Readonly<Record<string, string>> = { ...LANGUAGES };

export const badLanguage = (entered: string): string =>
  `"${entered.length > 20 ? `${entered.slice(0, 19)}…` : entered}" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`;

/** A two-letter code, whatever case or spaces it was typed with; `en` when empty; null when it is none. */
export const languageCode = (input: unknown): string | null => {
  const code = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (code === '') return DEFAULT_LANGUAGE;
  return /^[a-z]{2}$/.test(code) ? code : null;
};

/**
 * The input of every step whose videos carry a transcript field: the language that field asks
 * for. It costs nothing until a later step maps the field, which its help says.
 */
export const transcriptLanguageField = {
  key: 'transcriptLanguage',
  label: 'Transcript Language',
  type: 'string',
  required: false,
  default: DEFAULT_LANGUAGE,
  choices: LANGUAGE_CHOICES,
  helpText:
    'The language of the **Transcript** output field, as a two-letter ISO 639-1 code: pick one, or type another such as `sv`. The transcript is fetched only when a later step maps that field: one DumplingAI lookup per video then, and empty text for a video without captions in this language.',
} as const;
