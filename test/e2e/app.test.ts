import { FAULTS, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../../sandbox/server';
import { batchLookUp, bundleFor, caught, run, searchVideo, testConnection, userMessage } from '../helpers';
import { getTikTokTranscript } from '../../src/searches/getTikTokTranscript';

// The app against the sandbox over real loopback HTTP (the e2e project does not load nock).

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ slowMs: 50 });
  process.env.DUMPLINGAI_BASE_URL = sandbox.origin;
});

afterAll(async () => {
  delete process.env.DUMPLINGAI_BASE_URL;
  await sandbox.close();
});

const search = (url: string) => searchVideo(url, SANDBOX_API_KEY);
const faultUrl = (status: number | string) =>
  `https://www.tiktok.com/@sandbox/video/${Object.keys(FAULTS).find((id) => id.endsWith(String(status))) ?? ''}`;

describe('Get TikTok Video against the sandbox', () => {
  it('returns the flattened video for a short link', async () => {
    const [video] = (await search('https://vm.tiktok.com/ZMhSandbox1/')) as Record<string, unknown>[];
    expect(video).toMatchObject({
      id: '7321234567890123456',
      url: 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456',
      authorVerified: true,
      hashtags: 'dumplings, cooking, foodtok',
      videoDownloadAddr: `${sandbox.origin}/media/7321234567890123456.mp4`,
    });
    expect(sandbox.requests.at(-1)).toMatchObject({ path: '/api/v1/get-tiktok-video', authorized: true });
  });

  it('returns a video without music with null music fields, and keeps unicode hashtags', async () => {
    const [noMusic] = (await search(
      'https://www.tiktok.com/@quiet.window/video/7322000000000000002',
    )) as Record<string, unknown>[];
    expect(noMusic).toMatchObject({ musicId: null, musicTitle: null, hashtags: 'asmr, rain' });
    const [tokyo] = (await search('https://vt.tiktok.com/ZSsandbox2/')) as Record<string, unknown>[];
    expect(tokyo?.hashtags).toBe('東京, 朝ごはん, japanfood');
  });

  it('returns an empty list for a video that does not exist', async () => {
    await expect(search(faultUrl(404))).resolves.toEqual([]);
  });

  it('rejects a bad URL without reaching the sandbox', async () => {
    const before = sandbox.requests.length;
    const error = await caught(() => search('https://www.youtube.com/watch?v=1'));
    expect(userMessage(error)).toBe(
      "That is not a link to a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
    );
    expect(sandbox.requests).toHaveLength(before);
  });

  it.each([
    [
      400,
      'HaltedError',
      'DumplingAI could not process what this step sent: The video service could not process the provided URL. Check the link, username or search words in this step and try again.',
    ],
    [
      403,
      'AppError',
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    ],
    [
      500,
      'AppError',
      'DumplingAI had a problem on its side: An unexpected server error occurred while fetching the TikTok video: sandbox fault. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      502,
      'AppError',
      'DumplingAI had a problem on its side: Received invalid data structure from video service. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      503,
      'ThrottledError',
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 30 seconds; nothing needs to change.",
    ],
    [
      533,
      'ThrottledError',
      "DumplingAI's TikTok video service is rate-limited right now. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    ],
    [
      429,
      'ThrottledError',
      'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 5 seconds; nothing needs to change.',
    ],
    [
      200,
      'AppError',
      'DumplingAI sent an answer that is not TikTok video data: the answer was a web page, not JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
  ])('fault %i becomes %s with the user’s message', async (fault, name, message) => {
    const error = await caught(() => search(faultUrl(fault)));
    expect(error.name).toBe(name);
    expect(userMessage(error)).toBe(message);
  });

  it('waits for a slow answer', async () => {
    const [video] = (await search(faultUrl(999))) as Record<string, unknown>[];
    expect(video?.id).toBe('7321234567890123456');
  });

  it('asks to reconnect when the key is wrong', async () => {
    const error = await caught(() =>
      searchVideo('https://vm.tiktok.com/ZMhSandbox1/', 'sk_not_the_sandbox_key'),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(userMessage(error)).toBe(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  });
});

describe('connection test against the sandbox', () => {
  it('passes with the sandbox key, on the balance endpoint', async () => {
    await expect(testConnection(SANDBOX_API_KEY)).resolves.toEqual({ connected: true, account: null });
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v2/balance' });
  });

  it('fails with a clear message for another key', async () => {
    const error = await caught(() => testConnection('sk_not_the_sandbox_key'));
    expect(userMessage(error)).toBe(
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    );
  });
});

describe('Get TikTok Videos against the sandbox', () => {
  it('returns the videos found and reports the rest, in one run', async () => {
    const result = await batchLookUp(
      [
        'https://vm.tiktok.com/ZMhSandbox1/',
        'https://www.tiktok.com/@tokyo.mornings/video/7322000000000000001',
        'https://vm.tiktok.com/ZMhSandbox1/',
        faultUrl(404),
        faultUrl(502),
        'not a link',
      ],
      SANDBOX_API_KEY,
    );
    expect(result.videos.map((video) => video.id)).toEqual(['7321234567890123456', '7322000000000000001']);
    expect(result.failures).toEqual([
      {
        url: 'not a link',
        message:
          "That is not a web address. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
      },
      {
        url: faultUrl(404),
        message:
          'DumplingAI found no TikTok video at this address. Check that the video is public and still online.',
      },
      {
        url: faultUrl(502),
        message:
          'DumplingAI had a problem on its side: Received invalid data structure from video service. Try again later; if it keeps happening, contact DumplingAI support.',
      },
    ]);
    expect(result).toMatchObject({ succeeded: 2, failed: 3 });
  });

  it('stops with the out-of-credits error', async () => {
    const error = await caught(() => batchLookUp([faultUrl(403)], SANDBOX_API_KEY));
    expect(userMessage(error)).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    );
  });
});

// The sandbox's quirky WebVTT as a viewer reads it: no header, NOTE, STYLE or REGION text, no markup,
// a line holding a space is no blank line, a timing line after cue text and a lone `-->` end a cue,
// references decode as in HTML, and cues with malformed timings (NUL, vertical tab) are dropped.
const QUIRKY_TRANSCRIPT =
  'Hi everyone, welcome back to my kitchen & garden today we make dumplings\n\nfold, pleat, steam <3 repeat so first the dough then the filling © Lupita’s recipe ∉ any book season with salt & pepper\n\nenjoy!';

describe('Get TikTok Transcript against the sandbox', () => {
  const transcript = (url: string, language?: string) =>
    run(
      getTikTokTranscript.operation.perform as Parameters<typeof run>[0],
      bundleFor(language === undefined ? { url } : { url, language }, SANDBOX_API_KEY),
    ) as Promise<Record<string, unknown>[]>;

  it('gives a video’s English and Spanish transcripts, through a short link', async () => {
    const [english] = await transcript('https://vm.tiktok.com/ZMhSandbox1/');
    const [spanish] = await transcript('https://vm.tiktok.com/ZMhSandbox1/', 'es');
    expect(english).toMatchObject({
      transcript:
        'Sunday dumplings from scratch. The recipe is in the comments, and it is easier than you think.',
      language: 'en',
      videoId: '7321234567890123456',
      durationSeconds: 6.1,
    });
    expect(spanish?.language).toBe('es');
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/get-tiktok-transcript' });
  });

  it('finds nothing in English for a Spanish-only video, nor in any language for one without captions', async () => {
    await expect(transcript('https://www.tiktok.com/t/ZTRsandbox5/')).resolves.toEqual([]);
    await expect(transcript('https://www.tiktok.com/t/ZTRsandbox5/', 'es')).resolves.toHaveLength(1);
    await expect(
      transcript('https://www.tiktok.com/@sandbox/video/7322000000000000002', 'en'),
    ).resolves.toEqual([]);
  });

  it('reads the quirky WebVTT into clean text', async () => {
    const [result] = await transcript('https://www.tiktok.com/@garden.notes/video/7524919477404745385');
    expect(result?.transcript).toBe(QUIRKY_TRANSCRIPT);
    expect(result?.durationSeconds).toBe(27);
  });

  it('answers the fault ids with their faults', async () => {
    const error = await caught(() => transcript(faultUrl(403)));
    expect([error.name, userMessage(error)]).toEqual([
      'AppError',
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    ]);
  });
});
