import type { ZObject } from 'zapier-platform-core';

import { fetchCreatorPosts, type AskOptions } from '../dumplingai/client';
import type { Limits } from '../dumplingai/limits';
import { nextCursorOf, postsOnPage } from '../tiktok/creatorPosts';
import { hasMore } from '../tiktok/page';
import type { TikTokVideoOutput } from '../zapier/media';
import { newestFirst } from '../zapier/newestFirst';
import { videoOutput } from './lookUpVideo';
import type { Clock } from './paced';
import { readPages, type PagingLimits } from './paging';

// A creator's posts, page by page (`get-tiktok-profile-videos`, one DumplingAI call a page), each
// post with every key of Get TikTok Video: what the trigger and Get TikTok Creator Videos share.

/** One of a creator's posts, as a step returns it. */
export type CreatorVideo = TikTokVideoOutput & { id: string; isPinned: boolean };

type CreatorPage =
  | {
      kind: 'posts';
      posts: CreatorVideo[];
      hasMore: boolean;
      cursor: string | null;
      rateLimitRemaining: number | null;
    }
  /** TikTok's own refusal (a private, restricted or removed account), as DumplingAI forwarded it. */
  | { kind: 'refused' };

/** One page of a creator's posts, newest first; null when DumplingAI knows no such account. */
const readCreatorPage = async (
  z: ZObject,
  apiKey: unknown,
  handle: string,
  cursor: string | null,
  language: string,
  options: AskOptions,
): Promise<CreatorPage | null> => {
  const { page, rateLimitRemaining } = await fetchCreatorPosts(z, apiKey, handle, cursor, options);
  if (page === null) return null;
  if (page === 'refused') return { kind: 'refused' };
  const posts = postsOnPage(page).map(({ post, pinned }) => ({
    ...videoOutput(z, post, language),
    isPinned: pinned,
  }));
  // The whole page is kept; a step cuts the list once all its pages are in.
  return {
    kind: 'posts',
    posts: newestFirst(posts, Infinity),
    hasMore: hasMore(page),
    cursor: nextCursorOf(page),
    rateLimitRemaining,
  };
};

export type CreatorPosts =
  /** `rateLimitRemaining`: what DumplingAI's X-RateLimit-Remaining said with the last page. */
  | { kind: 'posts'; posts: CreatorVideo[]; hasMore: boolean; rateLimitRemaining: number | null }
  | { kind: 'refused' }
  | { kind: 'none' };

/**
 * A creator's posts over as many pages as `wanted` asks for: it sees the posts read so far and
 * says whether more are needed. The first page's failure is thrown; a later page's ends the
 * reading, keeping the pages already paid for (see readPages), as a later page's refusal does.
 */
export const readCreatorPosts = async (
  z: ZObject,
  apiKey: unknown,
  handle: string,
  wanted: (posts: CreatorVideo[]) => boolean,
  {
    limits,
    paging,
    clock,
    context,
    language,
  }: {
    limits: Limits;
    paging: PagingLimits;
    clock: Clock;
    context: AskOptions['context'];
    /** The language of the transcript each post's pointer asks for. */
    language: string;
  },
): Promise<CreatorPosts> => {
  type PostsPage = Extract<CreatorPage, { kind: 'posts' }>;
  const said = { refused: false };
  const pages = await readPages<PostsPage, string>(
    z,
    async (cursor, deadlineMs) => {
      const page = await readCreatorPage(z, apiKey, handle, cursor, language, {
        limits,
        deadlineMs,
        context,
      });
      if (page?.kind !== 'refused') return page;
      said.refused = true;
      return null;
    },
    (page, read) => (page.hasMore && wanted(read.flatMap((one) => one.posts)) ? page.cursor : null),
    { limits, paging, clock },
  );
  if (pages === null) return { kind: said.refused ? 'refused' : 'none' };
  const last = pages[pages.length - 1] as PostsPage;
  return {
    kind: 'posts',
    posts: newestFirst(
      pages.flatMap((page) => page.posts),
      Infinity,
    ),
    hasMore: last.hasMore,
    rateLimitRemaining: last.rateLimitRemaining,
  };
};
