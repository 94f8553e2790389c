import commentData from '../../sandbox/comments.json';
import creators from '../../sandbox/creators.json';
import searchData from '../../sandbox/search.json';
import transcripts from '../../sandbox/transcripts.json';
import videos from '../../sandbox/videos.json';
import { SAMPLE_CREATOR, SAMPLE_QUERY, SAMPLE_VIDEO_URL } from '../../sandbox/server';
import {
  COMMENTS_PATH,
  PROFILE_PATH,
  PROFILE_VIDEOS_PATH,
  SEARCH_USERS_PATH,
  TRANSCRIPT_PATH,
  VIDEO_PATH,
} from '../../src/dumplingai/endpoints';
import { commentsPage } from '../../src/tiktok/comments';
import { postsOnPage } from '../../src/tiktok/creatorPosts';
import { searchPage } from '../../src/tiktok/creatorSearch';
import { isObject } from '../../src/tiktok/json';
import { checkTikTokLink } from '../../src/tiktok/link';
import { postIn } from '../../src/tiktok/post';
import { normaliseProfile } from '../../src/tiktok/profile';
import { tikTokRefused } from '../../src/tiktok/refusal';
import { flattenVideo } from '../../src/zapier/flatten';
import { transcriptOutput } from '../../src/zapier/transcript';

// Each endpoint the app calls, what the probe asks it, and how the app reads its answer: the
// same readers the steps run on a 200, composed as the steps compose them. The sandbox's answers
// are the models the app is built and tested against; an answer is compared with the closest.

export type Body = Record<string, string | number>;

export interface Examples {
  video: string;
  photo: string;
  creator: string;
  query: string;
}

export interface ProbeEndpoint {
  name: string;
  path: string;
  body: (examples: Examples) => Body;
  read: (data: unknown) => unknown;
  /** Bodies that the sandbox answers with a model answer (each shape it holds). */
  models: Body[];
}

/** Public TikTok examples for the real API: yt-dlp's long-standing test video, TikTok's own account. */
export const REAL_EXAMPLES: Examples = {
  video: 'https://www.tiktok.com/@leenabhushan/video/6748451240264420610',
  photo: 'https://www.tiktok.com/@blazetech59/photo/7620513603237498142',
  creator: 'tiktok',
  query: 'cooking',
};

export const SANDBOX_EXAMPLES: Examples = {
  video: SAMPLE_VIDEO_URL,
  photo: 'https://www.tiktok.com/@mika.travels/photo/7477969281306526825',
  creator: SAMPLE_CREATOR,
  query: SAMPLE_QUERY,
};

const handleOf = (creator: string): string => creator.trim().replace(/^@/, '');
const postLink = (id: string): string => `https://www.tiktok.com/@sandbox/video/${id}`;
// The sandbox's paged answers hold 3 items a page, page n at cursor 3 × n.
const pagesOf = (body: Body, pages: number): Body[] =>
  Array.from({ length: pages }, (_, page) => (page === 0 ? body : { ...body, cursor: page * 3 }));

const readPost = (data: unknown): unknown => {
  const post = postIn(data);
  return post === null ? null : flattenVideo(post);
};
const ifObject =
  (read: (data: Record<string, unknown>) => unknown) =>
  (data: unknown): unknown =>
    isObject(data) ? read(data) : null;

const videoModels = (videos as unknown[]).map((video) => ({ url: postLink(flattenVideo(video).id ?? '') }));

export const ENDPOINTS: readonly ProbeEndpoint[] = [
  {
    name: 'video',
    path: VIDEO_PATH,
    body: ({ video }) => ({ url: video }),
    read: readPost,
    models: videoModels,
  },
  {
    name: 'photo post',
    path: VIDEO_PATH,
    body: ({ photo }) => ({ url: photo }),
    read: readPost,
    models: videoModels,
  },
  {
    name: 'transcript',
    path: TRANSCRIPT_PATH,
    body: ({ video }) => ({ videoUrl: video, preferredLanguage: 'en' }),
    read: ifObject((data) => {
      const checked = checkTikTokLink(SAMPLE_VIDEO_URL);
      return checked.ok ? transcriptOutput(data, checked.link, 'en') : null;
    }),
    models: Object.entries(transcripts as Record<string, Record<string, string>>)
      .filter(([, languages]) => 'en' in languages)
      .map(([id]) => ({ videoUrl: postLink(id), preferredLanguage: 'en' })),
  },
  {
    name: 'profile',
    path: PROFILE_PATH,
    body: ({ creator }) => ({ handle: handleOf(creator) }),
    read: ifObject((data) => [tikTokRefused(data), normaliseProfile(data)]),
    models: Object.keys(creators.profiles).map((handle) => ({ handle })),
  },
  {
    name: 'profile videos',
    path: PROFILE_VIDEOS_PATH,
    body: ({ creator }) => ({ handle: handleOf(creator) }),
    read: ifObject((data) => [tikTokRefused(data), postsOnPage(data).map(({ post }) => flattenVideo(post))]),
    models: Object.keys(creators.pages).map((handle) => ({ handle })),
  },
  {
    name: 'creator search',
    path: SEARCH_USERS_PATH,
    body: ({ query }) => ({ query }),
    read: ifObject(searchPage),
    models: Object.entries(searchData.pages).flatMap(([query, pages]) => pagesOf({ query }, pages.length)),
  },
  {
    name: 'comments',
    path: COMMENTS_PATH,
    body: ({ video }) => ({ url: video }),
    read: ifObject(commentsPage),
    models: Object.entries(commentData.pages).flatMap(([id, pages]) =>
      pagesOf({ url: postLink(id) }, pages.length),
    ),
  },
];
