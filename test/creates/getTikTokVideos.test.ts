import nock from 'nock';

import { batchText, getTikTokVideos, lookUpWith, outcomeOfError } from '../../src/creates/getTikTokVideos';
import { apiMessages, batchMessages, connectionMessages, urlMessages } from '../../src/messages';
import { checkTikTokLink } from '../../src/link';
import { API, VIDEO_PATH, batchLookUp, bundleFor, caught, run, userMessage } from '../helpers';
import documented from '../fixtures/documented-example.json';

const runBatchStep = (urls: unknown) => batchLookUp(urls);

const short = (code: string) => `https://vm.tiktok.com/${code}/`;
const answer = (code: string, status: number, body: nock.Body, headers: Record<string, string> = {}) =>
  nock(API)
    .post(VIDEO_PATH, { url: short(code), requestSource: 'ZAPIER' })
    .reply(status, body, headers);

describe('Get TikTok Videos (Batch)', () => {
  it('is a create with the batch label, a "Creates a …" description and a list input', () => {
    expect(getTikTokVideos.key).toBe('get_tiktok_videos');
    expect(getTikTokVideos.display.label).toBe('Get TikTok Videos (Batch)');
    expect(getTikTokVideos.display.description).toMatch(
      /^Creates a batch lookup of up to 25 TikTok videos .*\.$/,
    );
    expect(getTikTokVideos.operation.inputFields).toEqual([
      expect.objectContaining({ key: 'urls', list: true, required: true, label: batchText.urlsLabel }),
    ]);
  });

  it('shows every accepted form in the input’s help, each in backticks', () => {
    const [field] = getTikTokVideos.operation.inputFields as { helpText: string }[];
    expect(field?.helpText).toContain(batchText.urlsHelp);
    expect(field?.helpText).toContain(
      "Accepted: `https://www.tiktok.com/@user/video/<id>`, `https://www.tiktok.com/@user/photo/<id>`, `https://vm.tiktok.com/<code>/`, `https://vt.tiktok.com/<code>/`, `https://www.tiktok.com/t/<code>/`, `https://www.tiktok.com/embed/v2/<id>`, `https://m.tiktok.com/v/<id>.html`, TikTok's share text with the link in it, or the post's id alone.",
    );
  });

  it('has a sample whose input URL is one a user could enter', () => {
    const sample = getTikTokVideos.operation.sample as { videos: { inputUrl: string }[] };
    expect(checkTikTokLink(sample.videos[0]?.inputUrl).ok).toBe(true);
  });

  it('returns every video found, with its input URL, in one result', async () => {
    const scopes = [
      answer('ZMone', 200, documented),
      answer('ZMtwo', 200, { ...documented, id: '7321234567890000002' }),
    ];
    const result = await runBatchStep([short('ZMone'), short('ZMtwo')]);
    expect(scopes.map((scope) => scope.isDone())).toEqual([true, true]);
    expect(result).toMatchObject({ succeeded: 2, failed: 0, failures: [] });
    expect(result.videos.map((video) => [video.inputUrl, video.id])).toEqual([
      [short('ZMone'), '7321234567890123456'],
      [short('ZMtwo'), '7321234567890000002'],
    ]);
    expect(result.videos[0]).toMatchObject({ statsPlayCount: 567890, engagementRate: 2.36 });
  });

  it('reports bad URLs (without a request) and videos not found beside the ones found', async () => {
    const found = answer('ZMone', 200, documented);
    const gone = answer('ZMgone', 404, { error: `TikTok video not found for URL: ${short('ZMgone')}` });
    const result = await runBatchStep([short('ZMone'), 'https://example.com/x', short('ZMgone')]);
    expect([found.isDone(), gone.isDone()]).toEqual([true, true]);
    expect(result.succeeded).toBe(1);
    expect(result.failures).toEqual([
      { url: 'https://example.com/x', message: urlMessages.notTikTokVideo },
      { url: short('ZMgone'), message: batchMessages.notFound },
    ]);
  });

  it('reports a URL that DumplingAI could not process with its message, and goes on', async () => {
    answer('ZMbad', 400, { error: 'Invalid TikTok video URL format.' });
    answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMbad'), short('ZMone')]);
    expect(result.failures).toEqual([
      { url: short('ZMbad'), message: apiMessages.badRequest('Invalid TikTok video URL format.') },
    ]);
    expect(result.succeeded).toBe(1);
  });

  it('looks up a repeated URL once, also when several links share one row', async () => {
    const once = answer('ZMone', 200, documented);
    const result = await runBatchStep([`${short('ZMone')}, ${short('ZMone')}?lang=en`, short('ZMone')]);
    expect(once.isDone()).toBe(true);
    expect(result.succeeded).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('skips list entries that are not text', async () => {
    answer('ZMone', 200, documented);
    await expect(runBatchStep([42, null, short('ZMone')])).resolves.toMatchObject({
      succeeded: 1,
      failed: 0,
    });
  });

  it('accepts a single string as the list', async () => {
    answer('ZMone', 200, documented);
    await expect(runBatchStep(short('ZMone'))).resolves.toMatchObject({ succeeded: 1 });
  });

  it('stops with the single step’s error when the account runs out of credits mid-batch', async () => {
    answer('ZMone', 403, { error: 'Insufficient credits. Please top up your account.' });
    const error = await caught(() => runBatchStep([short('ZMone')]));
    expect(error.name).toBe('AppError');
    expect(userMessage(error)).toBe(apiMessages.outOfCredits);
  });

  it('stops and asks to reconnect on 401', async () => {
    answer('ZMone', 401, { error: 'API key is invalid or missing.' });
    const error = await caught(() => runBatchStep([short('ZMone')]));
    expect(error.name).toBe('ExpiredAuthError');
    expect(userMessage(error)).toBe(connectionMessages.invalidKey);
  });

  it('retries a 503 within the step and keeps the video when it recovers', async () => {
    const busy = answer('ZMone', 503, { error: 'Rate limit exceeded. Please try again later.' });
    const recovered = answer('ZMone', 200, documented);
    const result = await runBatchStep([short('ZMone')]);
    expect([busy.isDone(), recovered.isDone()]).toEqual([true, true]);
    expect(result).toMatchObject({ succeeded: 1, failed: 0 });
  });
});

describe('one lookup inside the batch', () => {
  it('reports DumplingAI as too slow when the lookup runs past its time', async () => {
    nock(API).post(VIDEO_PATH).delay(500).reply(200, documented);
    const outcome = await run((z) => lookUpWith(z)(short('ZMslow'), 50), bundleFor());
    expect(outcome).toEqual({ kind: 'failed', message: apiMessages.tooSlow(1) });
  });

  it.each([
    [
      'a ThrottledError (429 or 503)',
      Object.assign(new Error('{"message":"busy","delay":30}'), { name: 'ThrottledError' }),
      { kind: 'rateLimited' },
    ],
    [
      'a 500',
      Object.assign(
        new Error('{"message":"DumplingAI had a problem.","code":"upstream_error","status":500}'),
        { name: 'AppError' },
      ),
      { kind: 'failed', message: 'DumplingAI had a problem.' },
    ],
    ['something that is not an Error', 'boom', { kind: 'failed', message: 'boom' }],
  ])('turns %s into an outcome', (_what, error, outcome) => {
    expect(outcomeOfError(error)).toEqual(outcome);
  });
});
