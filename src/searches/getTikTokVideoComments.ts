import {
  defineInputFields,
  defineSearch,
  type InferInputData,
  type SearchPerform,
} from 'zapier-platform-core';

import { fetchComments } from '../dumplingai/client';
import { withPlainErrors } from '../dumplingai/errors';
import { clip } from '../dumplingai/messages';
import { commentsPage, type CommentsPage, type TikTokComment } from '../tiktok/comments';
import { checkTikTokLink } from '../tiktok/link';
import { ACCEPTED_FORMS_HELP } from '../tiktok/linkMessages';
import { commentsOutput, commentsOutputFields } from '../zapier/comments';
import { countOf } from '../zapier/numberInput';
import sampleComments from '../zapier/samples/comments.json';
import { readPages } from '../lookups/paging';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';

export const DEFAULT_COMMENTS = 50;
// Pages hold about 20 comments; 10 pages fit well inside Zapier's 30 seconds, and 200 comments
// of at most 5,000 characters each keep the output far below Zapier's limits.
export const MAX_COMMENTS = 200;

export const commentsText = {
  noun: 'TikTok Comment',
  label: 'Get TikTok Video Comments',
  description: "Finds a TikTok video's comments and the replies shown with them, by the video's URL.",
  urlLabel: 'Video URL',
  urlHelp: `The link to one TikTok video, as copied from the app or the website. ${ACCEPTED_FORMS_HELP}`,
  maxLabel: 'Maximum Comments',
  maxHelp: `How many comments (replies included) to return, from 1 to ${MAX_COMMENTS}; ${DEFAULT_COMMENTS} when left empty. Each page of comments is one DumplingAI call, and the step reads up to ${DEFAULT_SETUP.paging.maxPages} pages.`,
  badMax: (entered: string): string =>
    `"${clip(entered, 20)}" is not a number of comments. Enter a whole number from 1 to ${MAX_COMMENTS}, or leave Maximum Comments empty for ${DEFAULT_COMMENTS}.`,
} as const;

const inputFields = defineInputFields([
  {
    key: 'url',
    label: commentsText.urlLabel,
    type: 'string',
    required: true,
    helpText: commentsText.urlHelp,
  },
  {
    key: 'maxComments',
    label: commentsText.maxLabel,
    type: 'integer',
    required: false,
    default: String(DEFAULT_COMMENTS),
    helpText: commentsText.maxHelp,
  },
]);

/** Every comment of the pages read, each once (TikTok's paging repeats them), in the answer's order. */
const uniqueComments = (pages: CommentsPage[]): TikTokComment[] => {
  const seen = new Set<string>();
  return pages.flatMap((page) =>
    page.comments.filter((comment) => {
      if (seen.has(comment.id)) return false;
      seen.add(comment.id);
      return true;
    }),
  );
};

export const findComments = ({ limits, paging, clock }: StepSetup) =>
  (async (z, bundle) => {
    const checked = checkTikTokLink(bundle.inputData.url);
    // Refused here, before any request: a typo costs no credit, and halting keeps one bad row from
    // counting towards Zapier turning the Zap off.
    if (!checked.ok) throw new z.errors.HaltedError(checked.message);
    const maximum = countOf(bundle.inputData.maxComments, DEFAULT_COMMENTS, MAX_COMMENTS);
    if (maximum === null)
      throw new z.errors.HaltedError(commentsText.badMax(String(bundle.inputData.maxComments)));

    const pages = await readPages(
      z,
      async (cursor, deadlineMs) => {
        const answer = await fetchComments(z, bundle.authData.apiKey, checked.url, cursor, {
          limits,
          deadlineMs,
        });
        return answer === null ? null : commentsPage(answer);
      },
      (page, read) => (page.hasMore && uniqueComments(read).length < maximum ? page.cursor : null),
      { limits, paging, clock },
    );
    // No such video: a search's "nothing found".
    if (pages === null) return [];
    const [firstPage] = pages as [CommentsPage];
    const last = pages[pages.length - 1] as CommentsPage;
    const comments = uniqueComments(pages);
    const videoId = checked.link.kind === 'post' ? checked.link.id : firstPage.videoId;
    return [
      commentsOutput({
        videoId,
        // A short link names no post; once the comments name it, its address is the post's.
        url:
          checked.link.kind === 'short' && videoId !== null
            ? `https://www.tiktok.com/@/video/${videoId}`
            : checked.url,
        total: firstPage.total,
        hasMore: comments.length > maximum || last.hasMore,
        comments: comments.slice(0, maximum),
      }),
    ];
  }) satisfies SearchPerform<InferInputData<typeof inputFields>>;

// Zapier shows the sample where it cannot run the step: a real page's shape.
const samplePage = commentsPage(sampleComments);
export const sample = commentsOutput({
  videoId: '7321234567890123456',
  url: 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456',
  total: samplePage.total,
  hasMore: samplePage.hasMore,
  comments: samplePage.comments,
});

export const getTikTokVideoComments = defineSearch({
  key: 'get_tiktok_video_comments',
  noun: commentsText.noun,
  display: { label: commentsText.label, description: commentsText.description },
  operation: {
    perform: withPlainErrors(findComments(DEFAULT_SETUP)),
    inputFields,
    sample,
    outputFields: commentsOutputFields,
  },
});
