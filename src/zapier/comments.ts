import type { TikTokComment } from '../tiktok/comments';
import type { OutputField } from './outputFields';

// A video's comments as one result with line items: the comments are parts of one thing, the
// video's comment thread. Replies sit in the same list, right after the comment they answer,
// with its id as `parentId`, so one set of line-item fields maps them all.

// A type alias (not an interface) so it can be a step's sample, which Zapier types as a record.
export type CommentsOutput = {
  videoId: string | null;
  url: string;
  total: number | null;
  returned: number;
  hasMore: boolean;
  commentsText: string;
  comments: TikTokComment[];
};

// Every kind of line break, so one comment stays on one line of `commentsText`.
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029\u0085\v\f]/g;

/** Every comment's text, one per line: a line break inside a comment becomes a space. */
export const commentsTextOf = (comments: TikTokComment[]): string =>
  comments
    .flatMap((comment) => (comment.text === null ? [] : [comment.text.replace(LINE_BREAKS, ' ')]))
    .join('\n');

export const commentsOutput = (thread: {
  videoId: string | null;
  url: string;
  total: number | null;
  hasMore: boolean;
  comments: TikTokComment[];
}): CommentsOutput => ({
  videoId: thread.videoId,
  url: thread.url,
  total: thread.total,
  returned: thread.comments.length,
  hasMore: thread.hasMore,
  commentsText: commentsTextOf(thread.comments),
  comments: thread.comments,
});

// Keyed by the line item's key, so the compiler proves every key has a label and a type.
const commentFields: Record<keyof TikTokComment, [label: string, type: OutputField['type']]> = {
  id: ['Comment ID', 'string'],
  parentId: ['Reply To Comment ID', 'string'],
  text: ['Comment Text', 'string'],
  createTime: ['Comment Posted At (Unix Time)', 'number'],
  createTimeISO: ['Comment Posted At', 'datetime'],
  likeCount: ['Comment Likes', 'number'],
  replyCount: ['Comment Replies', 'number'],
  authorUniqueId: ['Commenter Username', 'string'],
  authorNickname: ['Commenter Display Name', 'string'],
  authorId: ['Commenter ID', 'string'],
  likedByCreator: ['Liked by the Creator', 'boolean'],
  pinned: ['Pinned by the Creator', 'boolean'],
};

export const commentsOutputFields: OutputField[] = [
  { key: 'videoId', label: 'Video ID', type: 'string' },
  { key: 'url', label: 'Video URL', type: 'string' },
  { key: 'total', label: 'Total Comments on the Video', type: 'number' },
  { key: 'returned', label: 'Comments Returned', type: 'number' },
  { key: 'hasMore', label: 'Has More Comments', type: 'boolean' },
  { key: 'commentsText', label: 'All Comment Texts (One per Line)', type: 'string' },
  ...Object.entries(commentFields).map(([key, [label, type]]) => ({ key: `comments[]${key}`, label, type })),
];
