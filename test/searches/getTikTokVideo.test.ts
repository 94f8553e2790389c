import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';

import { withPlainErrors } from '../../src/dumplingai/errors';
import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { findVideo, getTikTokVideo } from '../../src/searches/getTikTokVideo';
import {
  API,
  API_KEY,
  VIDEO_PATH,
  bundleFor,
  caught,
  run,
  searchVideo,
  userMessage,
  TRANSCRIPT_LANGUAGE_FIELD,
  transcriptPointerOf,
  transcriptPointerFor,
} from '../helpers';
import documented from '../fixtures/documented-example.json';
import links from '../fixtures/links.json';
import sparse from '../fixtures/sparse-video.json';
import type { RefusedKind } from '../../src/tiktok/linkMessages';

// What the user reads for each kind of refused link, ending with what works.
const WHAT_WORKS =
  "Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";
const REFUSED: Record<RefusedKind, string> = {
  missing: `Enter the TikTok video to look up. ${WHAT_WORKS}`,
  notAUrl: `That is not a web address. ${WHAT_WORKS}`,
  notTikTokVideo: `That is not a link to a TikTok video. ${WHAT_WORKS}`,
  douyin: `That is a Douyin link (TikTok's app in China), which DumplingAI does not look up. ${WHAT_WORKS}`,
  redirect: `That is TikTok's redirect to another website, not a TikTok video. ${WHAT_WORKS}`,
  profile: `That is a link to a TikTok profile, not to one video. ${WHAT_WORKS}`,
  music: `That is a link to a TikTok sound page, not to one video. ${WHAT_WORKS}`,
  hashtag: `That is a link to a TikTok hashtag page, not to one video. ${WHAT_WORKS}`,
  effect: `That is a link to a TikTok effect page, not to one video. ${WHAT_WORKS}`,
  collection: `That is a link to a TikTok collection or playlist, not to one video. ${WHAT_WORKS}`,
  live: `That is a link to a TikTok LIVE page, not to one video. ${WHAT_WORKS}`,
  feed: `That is a link to a TikTok feed or search page, not to one video. ${WHAT_WORKS}`,
};

describe('Get TikTok Video', () => {
  it('is a search named as the user asked, described the way Zapier describes searches', () => {
    expect(getTikTokVideo.key).toBe('get_tiktok_video');
    expect(getTikTokVideo.noun).toBe('TikTok Video');
    expect(getTikTokVideo.display.label).toBe('Get TikTok Video');
    expect(getTikTokVideo.display.description).toBe(
      'Finds a TikTok video or photo post by its link, with its stats and engagement rate (likes, comments, shares and saves per 100 views).',
    );
  });

  it('has one required URL input whose help shows every accepted form, and the transcript’s language', () => {
    expect(getTikTokVideo.operation.inputFields).toEqual([
      {
        key: 'url',
        label: 'Video URL',
        type: 'string',
        required: true,
        helpText:
          "The link to one TikTok video, as copied from the app or the website. Accepted: `https://www.tiktok.com/@user/video/<id>`, `https://www.tiktok.com/@user/photo/<id>`, `https://vm.tiktok.com/<code>/`, `https://vt.tiktok.com/<code>/`, `https://www.tiktok.com/t/<code>/`, `https://www.tiktok.com/embed/v2/<id>`, `https://m.tiktok.com/v/<id>.html`, TikTok's share text with the link in it, or the post's id alone. Tracking parameters after `?` are fine.",
      },
      TRANSCRIPT_LANGUAGE_FIELD,
    ]);
  });

  it('returns the flattened video, asking with requestSource ZAPIER and the cleaned URL', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH, {
        url: 'https://www.tiktok.com/@username/video/7321234567890123456',
        requestSource: 'ZAPIER',
      })
      .reply(200, documented);
    const results = await searchVideo(' https://www.tiktok.com/@username/video/7321234567890123456?lang=en ');
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([
      expect.objectContaining({
        id: '7321234567890123456',
        url: 'https://www.tiktok.com/@username/video/7321234567890123456',
        statsPlayCount: 567890,
        musicTitle: 'Song Title',
        hashtags: 'hashtag1, hashtagname',
      }),
    ]);
  });

  it('returns a video without music, author or stats with those fields null', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, sparse);
    const [video] = (await searchVideo('https://vt.tiktok.com/ZSabc123/')) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    expect(video).toMatchObject({
      id: '7300000000000000001',
      musicId: null,
      authorUniqueId: null,
      statsPlayCount: null,
    });
  });

  it('reports a bug in the step as an unexpected problem that Zapier does not retry', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    const error = await caught(() =>
      run(
        (z, bundle: Bundle<{ url: string }>) =>
          withPlainErrors(findVideo(DEFAULT_SETUP))(
            {
              ...z,
              dehydrateFile: () => {
                throw new TypeError("Cannot read properties of undefined (reading 'url')");
              },
            },
            bundle,
          ),
        bundleFor({ url: 'https://vm.tiktok.com/ZMhKxyz/' }, API_KEY),
      ),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('AppError');
    expect(userMessage(error)).toBe(
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Replay this task; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('returns an empty list when DumplingAI finds no video (404), so Zapier’s "nothing found" applies', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(404, { error: 'TikTok video not found for URL: https://vm.tiktok.com/ZMgone/' });
    await expect(searchVideo('https://vm.tiktok.com/ZMgone/')).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['', REFUSED.missing],
    [undefined, REFUSED.missing],
    ['hello', REFUSED.notAUrl],
    ['https://www.instagram.com/reel/abc/', REFUSED.notTikTokVideo],
    ['https://www.tiktok.com/@username', REFUSED.profile],
    ['https://www.tiktok.com.evil.example/@u/video/1', REFUSED.notTikTokVideo],
  ])('rejects %j before any request, so no credit is spent', async (url, message) => {
    // Any request at all would hit this interceptor; it must stay unused.
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    const error = await caught(() => searchVideo(url));
    expect(error.name).toBe('HaltedError');
    expect(userMessage(error)).toBe(message);
    expect(scope.isDone()).toBe(false);
  });

  it.each(links.accepted)('looks %j up as %j, in exactly one request', async (input, sent) => {
    // One interceptor: a second request, or another address, would find none and fail the step.
    const scope = nock(API)
      .post(VIDEO_PATH, { url: sent, requestSource: 'ZAPIER' })
      .once()
      .reply(200, documented);
    await expect(searchVideo(input)).resolves.toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it.each(links.refused as [string, RefusedKind][])(
    'refuses %j (%s) with no request',
    async (input, kind) => {
      const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
      const error = await caught(() => searchVideo(input));
      expect([error.name, userMessage(error)]).toEqual(['HaltedError', REFUSED[kind]]);
      expect(scope.isDone()).toBe(false);
    },
  );

  it('gives the transcript as a pointer to the video and language, and asks for no transcript', async () => {
    const scope = nock(API).post(VIDEO_PATH).reply(200, documented);
    const [video] = (await run(
      getTikTokVideo.operation.perform as Parameters<typeof run>[0],
      bundleFor({ url: 'https://vm.tiktok.com/ZMhKxyz/', transcriptLanguage: ' ES ' }),
    )) as { transcript: string }[];
    expect(scope.isDone()).toBe(true);
    expect(transcriptPointerOf(video?.transcript)).toEqual(
      transcriptPointerFor('https://www.tiktok.com/@username/video/7321234567890123456', 'es'),
    );
  });

  it('asks for English transcripts by default, and refuses what is no language, before any request', async () => {
    nock(API).post(VIDEO_PATH).reply(200, documented);
    const [video] = (await run(
      getTikTokVideo.operation.perform as Parameters<typeof run>[0],
      bundleFor({ url: 'https://vm.tiktok.com/ZMhKxyz/' }),
    )) as { transcript: string }[];
    expect(transcriptPointerOf(video?.transcript)).toMatchObject({ bundle: { language: 'en' } });
    const error = await caught(() =>
      run(
        getTikTokVideo.operation.perform as Parameters<typeof run>[0],
        bundleFor({ url: 'https://vm.tiktok.com/ZMhKxyz/', transcriptLanguage: 'English' }),
      ),
    );
    expect([error.name, userMessage(error)]).toEqual([
      'HaltedError',
      `"English" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`,
    ]);
  });

  it('gives a video with no author its transcript by id', async () => {
    nock(API).post(VIDEO_PATH).reply(200, { id: '7321234567890123456' });
    const [byId] = (await run(
      getTikTokVideo.operation.perform as Parameters<typeof run>[0],
      bundleFor({ url: '7321234567890123456' }),
    )) as { transcript: string }[];
    expect(transcriptPointerOf(byId?.transcript)).toEqual(
      transcriptPointerFor('https://www.tiktok.com/@/video/7321234567890123456', 'en'),
    );
  });
});
