import nock from 'nock';

import { API, VIDEO_PATH, bundleFor, caught, run, searchVideo, userMessage } from '../helpers';
import documented from '../fixtures/documented-example.json';
import sparse from '../fixtures/sparse-video.json';
import { downloadMedia, fetchMedia } from '../../src/hydrators/downloadMedia';
import { withPlainErrors } from '../../src/dumplingai/errors';
import { DEFAULT_SETUP } from '../../src/lookups/setup';
import { fakeClock } from '../fakeClock';
import { expiresAt, imageFile, mediaFiles } from '../../src/zapier/media';
import { flattenVideo } from '../../src/zapier/flatten';

const CDN = 'https://v16-webapp.tiktok.com';
const RPC = 'https://rpc.zapier.com';
const UPLOAD = 'https://zapier-uploads.example';

describe('mediaFiles', () => {
  it('names the video and cover by the video id and the music by its id', () => {
    expect(mediaFiles(flattenVideo(documented))).toEqual({
      videoFile: { url: 'https://...mp4', filename: '7321234567890123456.mp4', contentType: 'video/mp4' },
      coverFile: { url: 'https://...jpg', filename: '7321234567890123456.jpg', contentType: 'image/jpeg' },
      musicFile: { url: 'https://...mp3', filename: '7123456789.mp3', contentType: 'audio/mpeg' },
    });
  });

  it('has no file where the API gave no address', () => {
    expect(mediaFiles(flattenVideo(sparse))).toEqual({ videoFile: null, coverFile: null, musicFile: null });
  });

  it('falls back to the play address, and to a plain name for an odd id', () => {
    const files = mediaFiles(
      flattenVideo({
        id: '../etc',
        video: { playAddr: `${CDN}/play.mp4`, downloadAddr: 'javascript:alert(1)' },
      }),
    );
    expect(files.videoFile).toEqual({
      url: `${CDN}/play.mp4`,
      filename: 'tiktok-video.mp4',
      contentType: 'video/mp4',
    });
  });

  it('ignores addresses that are not http(s)', () => {
    expect(
      mediaFiles(flattenVideo({ id: '1', video: { cover: 'data:image/png;base64,AAAA' } })).coverFile,
    ).toBeNull();
  });
});

describe('imageFile', () => {
  const image = { url: 'https://p16-sign-sg.tiktokcdn.com/a1.jpeg', width: 1080, height: 1440 };

  it('names each image of a photo post by the post id and its place, from 1', () => {
    expect(imageFile('7477969281306526825', image, 0)).toEqual({
      url: 'https://p16-sign-sg.tiktokcdn.com/a1.jpeg',
      filename: '7477969281306526825-1.jpg',
      contentType: 'image/jpeg',
    });
    expect(imageFile(null, image, 2)?.filename).toBe('tiktok-photo-3.jpg');
  });

  it('has no file for an image without a web address', () => {
    expect(imageFile('1', { ...image, url: null }, 0)).toBeNull();
    expect(imageFile('1', { ...image, url: 'data:image/png;base64,AAAA' }, 0)).toBeNull();
  });
});

describe('file fields of the search', () => {
  it('are pointers that Zapier resolves with the downloadMedia hydrator, and null without an address', async () => {
    const scope = nock(API)
      .post(VIDEO_PATH)
      .reply(200, { ...documented, music: undefined });
    const [video] = (await searchVideo('https://vm.tiktok.com/ZMhKxyz/')) as Record<string, unknown>[];
    expect(scope.isDone()).toBe(true);
    const pointer = String(video?.videoFile);
    expect(pointer).toMatch(/^hydrate\|\|\|.*\|\|\|hydrate$/);
    expect(JSON.parse(pointer.split('|||')[1] ?? '')).toMatchObject({
      type: 'file',
      method: 'hydrators.downloadMedia',
      bundle: { url: 'https://...mp4', filename: '7321234567890123456.mp4', contentType: 'video/mp4' },
    });
    expect(video?.musicFile).toBeNull();
  });
});

describe('expiresAt', () => {
  it.each([
    [`${CDN}/v.mp4?x-expires=1752206400&x-signature=abc`, 1752206400],
    [`${CDN}/v.mp4?a=1988&expire=1752206400`, 1752206400],
    [`${CDN}/v.mp4?x-expires=soon`, null],
    [`${CDN}/v.mp4`, null],
    ['not an address', null],
  ])('reads when %s stops working: %j', (url, expected) => {
    expect(expiresAt(url)).toBe(expected);
  });
});

describe('downloadMedia hydrator', () => {
  const file = {
    url: `${CDN}/video/abc.mp4?expires=1`,
    filename: '7321234567890123456.mp4',
    contentType: 'video/mp4',
  };

  beforeEach(() => {
    // The core needs a deploy key to call Zapier's RPC service, which nock plays here.
    process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key';
  });

  afterEach(() => {
    delete process.env.ZAPIER_DEPLOY_KEY;
  });

  const stash = () => {
    const rpc = nock(RPC)
      .post('/cli')
      .reply(async (request) => {
        const { id } = (await request.json()) as { id: string };
        return [
          200,
          { id, result: { url: `${UPLOAD}/`, fields: { key: 'stash/abc/7321234567890123456.mp4' } } },
        ];
      });
    const sent = { body: '' };
    const upload = nock(UPLOAD)
      .post('/')
      .reply(async (request) => {
        sent.body = await request.text();
        return [204, ''];
      });
    return { scopes: [rpc, upload], sent };
  };

  it('downloads with a browser’s headers, without the DumplingAI key, and stashes the file under its name and type', async () => {
    const media = nock(CDN, {
      badheaders: ['authorization'],
      reqheaders: { referer: 'https://www.tiktok.com/', 'user-agent': /^Mozilla\/5\.0 / },
    })
      .get('/video/abc.mp4')
      .query({ expires: '1' })
      .reply(200, 'mp4-bytes', { 'Content-Type': 'application/octet-stream' });
    const { scopes, sent } = stash();

    const result = await run(downloadMedia, bundleFor(file));

    expect(result).toBe(`${UPLOAD}/stash/abc/7321234567890123456.mp4`);
    expect([media, ...scopes].map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(sent.body).toContain('filename="7321234567890123456.mp4"');
    // The server named no media type, so the file keeps the one its field promised.
    expect(sent.body).toContain('Content-Type: video/mp4');
    expect(sent.body).toContain('mp4-bytes');
  });

  it.each([
    [{ 'Content-Type': 'image/webp; charset=binary' }, 'image/webp'],
    [{}, 'image/jpeg'],
  ])('uses the media type the server sends (%j), or else the field’s own', async (headers, type) => {
    const media = nock(CDN).get('/photo.webp').reply(200, 'webp-bytes', headers);
    const { scopes, sent } = stash();
    await run(
      downloadMedia,
      bundleFor({ url: `${CDN}/photo.webp`, filename: '1-1.jpg', contentType: 'image/jpeg' }),
    );
    expect([media, ...scopes].map((scope) => scope.isDone())).toEqual([true, true, true]);
    expect(sent.body).toContain(`Content-Type: ${type}`);
  });

  it('never sends the key with a media file, even one on DumplingAI’s own address', async () => {
    const media = nock(API, { badheaders: ['authorization'] })
      .get('/media/1.jpg')
      .reply(403, 'Access Denied');
    const error = await caught(() =>
      run(
        downloadMedia,
        bundleFor({ url: `${API}/media/1.jpg`, filename: '1.jpg', contentType: 'image/jpeg' }),
      ),
    );
    expect(media.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      "This TikTok file address no longer works (HTTP 403); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
    );
  });

  describe('an address that says when it expires (x-expires, in seconds)', () => {
    const url = `${CDN}/video/old.mp4?x-expires=1752206400`;
    /** The hydrator as Zapier runs it, with the time at `nowMs`. */
    const downloadAt = (nowMs: number) => {
      const { clock, setTime } = fakeClock();
      setTime(nowMs);
      return withPlainErrors(fetchMedia({ ...DEFAULT_SETUP, clock }), 'file');
    };

    it.each([
      ['at the second it expires', 1752206400000],
      ['a day after', 1752292800000],
    ])('is refused %s, with no request, as expired', async (_when, nowMs) => {
      const media = nock(CDN).get('/video/old.mp4').query(true).reply(200, 'x');
      const error = await caught(() => run(downloadAt(nowMs), bundleFor({ ...file, url })));
      expect(media.isDone()).toBe(false);
      expect(JSON.parse(error.message)).toEqual({
        message:
          "This TikTok file address has expired (TikTok's addresses last a few hours), so it was not downloaded. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
        code: 'media_expired',
        status: 410,
      });
    });

    it('is asked for a millisecond before it expires', async () => {
      // A function outside the app may not stash a file, so TikTok's answer here is a 404.
      const media = nock(CDN).get('/video/old.mp4').query(true).reply(404, 'Not Found');
      const error = await caught(() => run(downloadAt(1752206399999), bundleFor({ ...file, url })));
      expect(media.isDone()).toBe(true);
      expect(userMessage(error)).toBe(
        "This TikTok file address no longer works (HTTP 404); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
      );
    });

    it('is refused by the step Zapier runs, on the real clock, once it has expired', async () => {
      const media = nock(CDN).get('/video/old.mp4').query(true).reply(200, 'x');
      const error = await caught(() =>
        run(downloadMedia, bundleFor({ ...file, url: `${CDN}/video/old.mp4?x-expires=1600000000` })),
      );
      expect(media.isDone()).toBe(false);
      expect(userMessage(error)).toBe(
        "This TikTok file address has expired (TikTok's addresses last a few hours), so it was not downloaded. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
      );
    });
  });

  it('refuses a file announced above 100 MB before reading it', async () => {
    const media = nock(CDN).get('/big.mp4').reply(200, 'x', { 'Content-Length': '100000001' });
    const error = await caught(() => run(downloadMedia, bundleFor({ ...file, url: `${CDN}/big.mp4` })));
    expect(media.isDone()).toBe(true);
    expect(userMessage(error)).toBe(
      'This TikTok file is larger than 100 MB, the most this app hands to Zapier as a file. Map its address field instead of the file.',
    );
  });

  it.each([403, 404, 410])(
    'tells the user to run the lookup again when the address answers %i',
    async (status) => {
      const media = nock(CDN).get('/video/abc.mp4').query(true).reply(status, 'Access Denied');
      const rpc = nock(RPC).post('/cli').reply(200, {});
      const error = await caught(() => run(downloadMedia, bundleFor(file)));
      expect(media.isDone()).toBe(true);
      expect(rpc.isDone()).toBe(false);
      expect(userMessage(error)).toBe(
        `This TikTok file address no longer works (HTTP ${status}); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.`,
      );
    },
  );

  it.each([
    // The core asks its storage 3 times before it gives up.
    ['answers with an error', () => nock(RPC).post('/cli').times(3).reply(500, { error: 'storage down' })],
    ['cannot be reached', () => nock(RPC).post('/cli').times(3).replyWithError('socket hang up')],
  ])(
    'says Zapier could not store the file, not that TikTok failed, when Zapier’s storage %s',
    async (_what, storage) => {
      const media = nock(CDN).get('/video/abc.mp4').query(true).reply(200, 'mp4-bytes');
      const rpc = storage();
      const error = await caught(() => run(downloadMedia, bundleFor(file)));
      expect([media.isDone(), rpc.isDone()]).toEqual([true, true]);
      expect(JSON.parse(error.message)).toEqual({
        message:
          "The file was downloaded from TikTok, but Zapier's file storage could not keep it. Replay this task in a few minutes; nothing needs to change.",
        code: 'storage_failed',
        status: 503,
      });
      expect(error.name).not.toBe('ThrottledError');
    },
  );

  it('says so when the pointer is incomplete, without any request', async () => {
    const error = await caught(() => run(downloadMedia, bundleFor({ url: 42 })));
    expect(JSON.parse(error.message)).toEqual({
      message:
        'This file reference is incomplete. Run the Get TikTok Video step again, then map its file field afresh.',
      code: 'media_pointer_invalid',
      status: 400,
    });
  });
});
