import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
  type ZObject,
} from 'zapier-platform-core';

import { plainError, withPlainErrors } from '../dumplingai/errors';
import { RETRY_SECONDS, type Limits } from '../dumplingai/limits';
import { splitPasted } from '../tiktok/link';
import { ACCEPTED_FORMS_HELP } from '../tiktok/linkMessages';
import { badLanguage, languageCode, transcriptLanguageField } from '../zapier/language';
import { asLineItems, outputFields as videoOutputFields, type OutputField } from '../zapier/outputFields';
import {
  batchMessages,
  MAX_BATCH_URLS,
  runBatch,
  verdictOf,
  type BatchResult,
  type LookUp,
} from '../lookups/batch';
import { outcomeOfError } from '../lookups/outcome';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import { videoSample as sampleVideo } from '../zapier/videoSample';
import { lookUpVideoAnswer } from '../lookups/lookUpVideo';

export const batchText = {
  noun: 'TikTok Video',
  label: 'Get TikTok Videos',
  description: `Finds up to ${MAX_BATCH_URLS} TikTok videos by URL in one step, with a reason for each link that could not be looked up.`,
  urlsLabel: 'Video URLs',
  urlsHelp: `Up to ${MAX_BATCH_URLS} TikTok video links, one per row (a row may also hold several, separated by commas or line breaks). Repeated links are looked up once; invalid ones are reported without spending a credit.`,
} as const;

export const lookUpWith =
  (z: ZObject, apiKey: unknown, limits: Limits, language: string): LookUp =>
  async (url, timeoutMs) => {
    try {
      const { video, rateLimitRemaining } = await lookUpVideoAnswer(z, apiKey, url, language, {
        limits,
        deadlineMs: timeoutMs,
        context: 'batch',
      });
      return video === null
        ? { kind: 'notFound', rateLimitRemaining }
        : { kind: 'found', value: video, rateLimitRemaining };
    } catch (error) {
      return outcomeOfError(plainError(z, error, apiKey, 'batch'));
    }
  };

const inputFields = defineInputFields([
  {
    key: 'urls',
    label: batchText.urlsLabel,
    type: 'string',
    list: true,
    required: true,
    helpText: `${batchText.urlsHelp} ${ACCEPTED_FORMS_HELP}`,
  },
  { ...transcriptLanguageField },
]);

export const findVideos = ({ limits, pace, clock }: StepSetup) =>
  (async (z, bundle) => {
    const urls = bundle.inputData.urls;
    // A single mapped value may hold several links, one per line or separated by commas (TikTok
    // links never contain either); anything else stays whole, so a typo is reported as typed.
    const entries = (Array.isArray(urls) ? urls : [urls]).flatMap((entry) =>
      typeof entry === 'string' ? splitPasted(entry) : [],
    );
    const language = languageCode(bundle.inputData.transcriptLanguage);
    if (language === null)
      throw new z.errors.HaltedError(badLanguage(String(bundle.inputData.transcriptLanguage)));
    const result = await runBatch(
      entries,
      lookUpWith(z, bundle.authData.apiKey, limits, language),
      pace,
      clock,
    );
    const verdict = verdictOf(result);
    switch (verdict.kind) {
      case 'found':
        return [present(result)];
      case 'nothingFound':
        // An empty list is how a search says "nothing found", so Zapier's own handling applies.
        return [];
      case 'retryLater':
        throw new z.errors.ThrottledError(batchMessages.retryLater, RETRY_SECONDS);
      case 'noneLookedUp':
        // The links are the user's data: halting keeps them from counting towards pausing the Zap.
        throw new z.errors.HaltedError(verdict.message);
    }
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

/** The step's output: each failure as its link and the reason the user reads. */
export const present = (result: BatchResult) => ({
  ...result,
  failures: result.failures.map(({ url, message }) => ({ url, message })),
});

export const batchOutputFields: OutputField[] = [
  { key: 'succeeded', label: 'Videos Found', type: 'number' },
  { key: 'failed', label: 'Links That Failed', type: 'number' },
  { key: 'videos[]inputUrl', label: 'Link as Entered', type: 'string' },
  ...asLineItems('videos', videoOutputFields),
  { key: 'failures[]url', label: 'Failed Link', type: 'string' },
  { key: 'failures[]message', label: 'Failure Reason', type: 'string' },
];

export const getTikTokVideos = defineSearch({
  key: 'get_tiktok_videos',
  noun: batchText.noun,
  display: { label: batchText.label, description: batchText.description },
  operation: {
    perform: withPlainErrors(findVideos(DEFAULT_SETUP)),
    inputFields,
    sample: {
      succeeded: 1,
      failed: 1,
      videos: [{ ...sampleVideo, inputUrl: 'https://vm.tiktok.com/ZMhKxyz/' }],
      failures: [{ url: 'https://vm.tiktok.com/ZMgone00/', message: batchMessages.notFound }],
    },
    outputFields: batchOutputFields,
  },
});
