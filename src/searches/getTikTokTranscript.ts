import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { TRANSCRIPT_PATH } from '../api';
import { redact } from '../errors';
import { checkTikTokLink } from '../link';
import { askDumplingAI } from '../lookup';
import { ACCEPTED_FORMS_HELP, transcriptMessages } from '../messages';
import type { OutputField } from '../outputFields';
import { parseAnswer } from '../post';
import { checkTranscriptBody, transcriptOutput } from '../transcript';
import sampleVtt from '../sample-transcript.json';

export const DEFAULT_LANGUAGE = 'en';

// The languages TikTok's captions most often come in; the field still takes any other code typed.
export const LANGUAGES: Readonly<Record<string, string>> = {
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

export const transcriptText = {
  noun: 'TikTok Transcript',
  label: 'Get TikTok Transcript',
  description: 'Finds the transcript of a TikTok video by its URL, as plain text and timed segments.',
  urlLabel: 'Video URL',
  urlHelp: `The link to one TikTok video, as copied from the app or the website. ${ACCEPTED_FORMS_HELP}`,
  languageLabel: 'Language',
  languageHelp:
    'The language of the captions to get, as a two-letter ISO 639-1 code. Pick one, or type another such as `sv` or `uk`. When the video has no captions in it, the step finds nothing.',
} as const;

/** A two-letter code, whatever case or spaces it was typed with; null when it is not one. */
export const languageCode = (input: unknown): string | null => {
  const code = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (code === '') return DEFAULT_LANGUAGE;
  return /^[a-z]{2}$/.test(code) ? code : null;
};

const inputFields = defineInputFields([
  {
    key: 'url',
    label: transcriptText.urlLabel,
    type: 'string',
    required: true,
    helpText: transcriptText.urlHelp,
  },
  {
    key: 'language',
    label: transcriptText.languageLabel,
    type: 'string',
    required: false,
    default: DEFAULT_LANGUAGE,
    choices: { ...LANGUAGES },
    helpText: transcriptText.languageHelp,
  },
]);

const perform = (async (z, bundle) => {
  const checked = checkTikTokLink(bundle.inputData.url);
  // Refused here, before any request: a typo costs no credit, and halting keeps one bad row from
  // counting towards Zapier turning the Zap off.
  if (!checked.ok) throw new z.errors.HaltedError(checked.message);
  const language = languageCode(bundle.inputData.language);
  if (language === null)
    throw new z.errors.HaltedError(transcriptMessages.badLanguage(String(bundle.inputData.language)));

  const response = await askDumplingAI(z, TRANSCRIPT_PATH, {
    videoUrl: checked.url,
    preferredLanguage: language,
  });
  // No captions for the video, or none in that language: "nothing found" in Zapier's own terms.
  if (response.status === 404) return [];
  const body = checkTranscriptBody(response.content, parseAnswer(response.content));
  if (!body.ok) {
    const detail = redact(body.detail, bundle.authData.apiKey);
    throw new z.errors.Error(
      transcriptMessages.unreadableAnswer(detail),
      'unreadable_answer',
      response.status,
    );
  }
  return [transcriptOutput(body.answer, checked.link, language)];
}) satisfies SearchPerform<InferInputData<typeof inputFields>>;

export const transcriptOutputFields: OutputField[] = [
  { key: 'transcript', label: 'Transcript', type: 'string' },
  { key: 'transcriptVtt', label: 'Transcript (WebVTT Subtitles)', type: 'string' },
  { key: 'language', label: 'Language', type: 'string' },
  { key: 'wordCount', label: 'Word Count', type: 'number' },
  { key: 'durationSeconds', label: 'Duration (Seconds)', type: 'number' },
  { key: 'videoId', label: 'Video ID', type: 'string' },
  { key: 'url', label: 'Video URL', type: 'string' },
  { key: 'id', label: 'Transcript ID', type: 'string' },
  { key: 'originalUrl', label: 'Video URL as DumplingAI Gave It', type: 'string' },
  { key: 'segments[]start', label: 'Segment Start (Seconds)', type: 'number' },
  { key: 'segments[]end', label: 'Segment End (Seconds)', type: 'number' },
  { key: 'segments[]text', label: 'Segment Text', type: 'string' },
];

// Zapier shows the sample where it cannot run the step: a real transcript's shape.
export const sample = transcriptOutput(
  {
    transcript: sampleVtt.transcript,
    language: 'en',
    id: 'tr_7524919477404745385_en',
    originalUrl: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
  },
  { kind: 'post', id: '7524919477404745385', user: 'garden.notes', photo: false },
  'en',
);

export const getTikTokTranscript = defineSearch({
  key: 'get_tiktok_transcript',
  noun: transcriptText.noun,
  display: { label: transcriptText.label, description: transcriptText.description },
  operation: {
    perform,
    inputFields,
    sample,
    outputFields: transcriptOutputFields,
  },
});
