import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { withPlainErrors } from '../dumplingai/errors';
import { checkTikTokLink } from '../tiktok/link';
import { ACCEPTED_FORMS_HELP } from '../tiktok/linkMessages';
import { badLanguage, languageCode, transcriptLanguageField } from '../zapier/language';
import { outputFields } from '../zapier/outputFields';
import { videoSample } from '../zapier/videoSample';
import { lookUpVideo } from '../lookups/lookUpVideo';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';

const searchText = {
  noun: 'TikTok Video',
  label: 'Get TikTok Video',
  description:
    'Finds a TikTok video or photo post by its link, with its stats and engagement rate (likes, comments, shares and saves per 100 views).',
  urlLabel: 'Video URL',
  urlHelp: `The link to one TikTok video, as copied from the app or the website. ${ACCEPTED_FORMS_HELP} Tracking parameters after \`?\` are fine.`,
} as const;

const inputFields = defineInputFields([
  { key: 'url', label: searchText.urlLabel, type: 'string', required: true, helpText: searchText.urlHelp },
  { ...transcriptLanguageField },
]);

export const findVideo = ({ limits }: StepSetup) =>
  (async (z, bundle) => {
    const checked = checkTikTokLink(bundle.inputData.url);
    // Rejected here, before any request, so a typo costs no credit. Halting (rather than failing)
    // keeps one bad row from counting towards Zapier turning the whole Zap off.
    if (!checked.ok) throw new z.errors.HaltedError(checked.message);
    const language = languageCode(bundle.inputData.transcriptLanguage);
    if (language === null)
      throw new z.errors.HaltedError(badLanguage(String(bundle.inputData.transcriptLanguage)));
    const video = await lookUpVideo(z, bundle.authData.apiKey, checked.url, language, { limits });
    // An empty list is how a search says "nothing found", so Zapier's own handling applies.
    return video === null ? [] : [video];
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

export const getTikTokVideo = defineSearch({
  key: 'get_tiktok_video',
  noun: searchText.noun,
  display: { label: searchText.label, description: searchText.description },
  operation: {
    perform: withPlainErrors(findVideo(DEFAULT_SETUP)),
    inputFields,
    sample: videoSample,
    outputFields,
  },
});
