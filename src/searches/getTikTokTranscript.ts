import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { fetchTranscript } from '../dumplingai/client';
import { withPlainErrors } from '../dumplingai/errors';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import { checkTikTokLink } from '../tiktok/link';
import { ACCEPTED_FORMS_HELP } from '../tiktok/linkMessages';
import type { OutputField } from '../zapier/outputFields';
import sampleVtt from '../zapier/samples/transcript.json';
import { badLanguage, DEFAULT_LANGUAGE, LANGUAGE_CHOICES, languageCode } from '../zapier/language';
import { transcriptOutput } from '../zapier/transcript';

const transcriptText = {
  noun: 'TikTok Transcript',
  label: 'Get TikTok Transcript',
  description: 'Finds the transcript of a TikTok video by its URL, as plain text and timed segments.',
  urlLabel: 'Video URL',
  urlHelp: `The link to one TikTok video, as copied from the app or the website. ${ACCEPTED_FORMS_HELP}`,
  languageLabel: 'Language',
  languageHelp:
    'The language of the captions to get, as a two-letter ISO 639-1 code. Pick one, or type another such as `sv` or `uk`. When the video has no captions in it, the step finds nothing.',
} as const;

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
    choices: { ...LANGUAGE_CHOICES },
    helpText: transcriptText.languageHelp,
  },
]);

export const findTranscript = ({ limits }: StepSetup) =>
  (async (z, bundle) => {
    const checked = checkTikTokLink(bundle.inputData.url);
    // Refused here, before any request: a typo costs no credit, and halting keeps one bad row from
    // counting towards Zapier turning the Zap off.
    if (!checked.ok) throw new z.errors.HaltedError(checked.message);
    const language = languageCode(bundle.inputData.language);
    if (language === null) throw new z.errors.HaltedError(badLanguage(String(bundle.inputData.language)));
    const answer = await fetchTranscript(z, bundle.authData.apiKey, checked.url, language, { limits });
    // No captions for the video, or none in that language: "nothing found" in Zapier's own terms.
    return answer === null ? [] : [transcriptOutput(answer, checked.link, language)];
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

const transcriptOutputFields: OutputField[] = [
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
const sample = transcriptOutput(
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
    perform: withPlainErrors(findTranscript(DEFAULT_SETUP)),
    inputFields,
    sample,
    outputFields: transcriptOutputFields,
  },
});
