import { createdAt, first, flag, isoOf, num, objectAt, objectsAt, text, type JsonObject } from './json';
import { cursorOf, hasMore } from './page';

// A page of a video's comments, as DumplingAI forwards it: TikTok's app JSON in snake_case
// (`cid`, `create_time`, `digg_count`, `user.unique_id`), each comment with some of its replies in
// `reply_comment`, and `cursor` (a number), `hasMore` (a boolean) and `total` beside the list.
// 19-digit `cid`s may arrive as JSON numbers; the answer is parsed keeping their digits.

// A type alias (not an interface), so a comment can be a line item of a step's sample.
export type TikTokComment = {
  id: string;
  /** The comment a reply answers; null for a comment on the video itself. */
  parentId: string | null;
  text: string | null;
  createTime: number | null;
  createTimeISO: string | null;
  likeCount: number | null;
  replyCount: number | null;
  authorUniqueId: string | null;
  authorNickname: string | null;
  authorId: string | null;
  /** Null when the answer does not say (TikTok's `is_author_digged`). */
  likedByCreator: boolean | null;
  /** Null when the answer does not say (TikTok's `author_pin`, or `stick_position` above 0). */
  pinned: boolean | null;
};

export interface CommentsPage {
  /** Comments in the answer's order, each followed by the replies it carries. */
  comments: TikTokComment[];
  cursor: number | null;
  hasMore: boolean;
  /** TikTok's count of all the video's comments; null when the answer gave none. */
  total: number | null;
  /** The video's id, as the comments name it (`aweme_id`): for a short link, which names none. */
  videoId: string | null;
}

const pinnedOf = (comment: JsonObject): boolean | null => {
  const position = num(comment.stick_position);
  return first(flag(comment.author_pin), position === null ? null : position > 0);
};

const commentOf = (comment: JsonObject, id: string, parentId: string | null): TikTokComment => {
  const user = objectAt(comment.user);
  const createTime = createdAt(comment);
  return {
    id,
    parentId,
    text: text(comment.text),
    createTime,
    createTimeISO: isoOf(createTime),
    likeCount: first(num(comment.digg_count), num(comment.diggCount)),
    replyCount: first(num(comment.reply_comment_total), num(comment.replyCommentTotal)),
    authorUniqueId: first(text(user.unique_id), text(user.uniqueId)),
    authorNickname: text(user.nickname),
    authorId: first(text(user.uid), text(user.id)),
    likedByCreator: flag(comment.is_author_digged),
    pinned: pinnedOf(comment),
  };
};

/**
 * The comment an entry answers: TikTok's reply list (its answer for one comment's replies) names
 * it in each entry's `reply_id`, where `"0"` means the entry answers the video itself.
 */
const answersOf = (comment: JsonObject): string | null => {
  const replyTo = text(comment.reply_id);
  return replyTo === '0' ? null : replyTo;
};

/**
 * Reads a page of comments. A comment without a `cid` cannot be told from a repeat, so it is
 * left out; replies follow the comment they answer, with its id as `parentId`.
 */
export const commentsPage = (page: JsonObject): CommentsPage => {
  const list = objectsAt(page.comments);
  const comments = list.flatMap((comment) => {
    const id = text(comment.cid);
    if (id === null) return [];
    const replies = objectsAt(comment.reply_comment).flatMap((reply) => {
      const replyId = text(reply.cid);
      return replyId === null ? [] : [commentOf(reply, replyId, id)];
    });
    return [commentOf(comment, id, answersOf(comment)), ...replies];
  });
  return {
    comments,
    cursor: cursorOf(page),
    hasMore: hasMore(page),
    total: num(page.total),
    videoId: first(...list.map((comment) => text(comment.aweme_id))),
  };
};
