import nock from 'nock';

import { getTikTokTranscript } from '../../src/searches/getTikTokTranscript';
import { API, API_KEY, bundleFor, caught, run, userMessage, TRANSCRIPT_LANGUAGE_FIELD } from '../helpers';

const PATH = '/api/v1/get-tiktok-transcript';
const LINK = 'https://www.tiktok.com/@garden.notes/video/7524919477404745385';
// What the link check says after any refusal, so the user knows what works.
const WHAT_WORKS =
  "Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";
const notALanguage = (quoted: string): string =>
  `"${quoted}" is not a language code. Enter the two-letter ISO 639-1 code of the transcript's language, such as en, es, fr or pt.`;
const VTT = 'WEBVTT\n\n00:00:00.120 --> 00:00:02.400\nThree tomato tricks\n';

type Perform = Parameters<typeof run>[0];
const transcriptOf = (inputData: Record<string, unknown>, apiKey = API_KEY) =>
  run(getTikTokTranscript.operation.perform as Perform, bundleFor(inputData, apiKey));

describe('Get TikTok Transcript', () => {
  it('is a search named and described the way Zapier describes searches', () => {
    expect(getTikTokTranscript.key).toBe('get_tiktok_transcript');
    expect(getTikTokTranscript.noun).toBe('TikTok Transcript');
    expect(getTikTokTranscript.display.label).toBe('Get TikTok Transcript');
    expect(getTikTokTranscript.display.description).toBe(
      'Finds the transcript of a TikTok video by its URL, as plain text and timed segments.',
    );
  });

  it('asks for the link and a language, offered as a list of common ones that takes any code, en by default', () => {
    expect(getTikTokTranscript.operation.inputFields).toEqual([
      {
        key: 'url',
        label: 'Video URL',
        type: 'string',
        required: true,
        helpText:
          "The link to one TikTok video, as copied from the app or the website. Accepted: `https://www.tiktok.com/@user/video/<id>`, `https://www.tiktok.com/@user/photo/<id>`, `https://vm.tiktok.com/<code>/`, `https://vt.tiktok.com/<code>/`, `https://www.tiktok.com/t/<code>/`, `https://www.tiktok.com/embed/v2/<id>`, `https://m.tiktok.com/v/<id>.html`, TikTok's share text with the link in it, or the post's id alone.",
      },
      {
        key: 'language',
        label: 'Language',
        type: 'string',
        required: false,
        default: 'en',
        // The same choices as every step's Transcript Language.
        choices: TRANSCRIPT_LANGUAGE_FIELD.choices,
        helpText:
          'The language of the captions to get, as a two-letter ISO 639-1 code. Pick one, or type another such as `sv` or `uk`. When the video has no captions in it, the step finds nothing.',
      },
    ]);
  });

  it('posts videoUrl (the checked address), preferredLanguage and requestSource, and reads the answer', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
      .post(PATH, { videoUrl: LINK, preferredLanguage: 'es', requestSource: 'ZAPIER' })
      .reply(200, { transcript: VTT, language: 'es', id: 'tr_1' });
    const results = await transcriptOf({ url: `${LINK}?is_from_webapp=1`, language: ' ES ' });
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([
      expect.objectContaining({
        transcript: 'Three tomato tricks',
        language: 'es',
        videoId: '7524919477404745385',
        id: 'tr_1',
        originalUrl: null,
      }),
    ]);
  });

  it.each([
    ['en', 'en'],
    [' PT ', 'pt'],
    ['sv', 'sv'],
  ])('asks for %j as the code %j, whatever its case and spaces', async (language, code) => {
    const scope = nock(API)
      .post(PATH, { videoUrl: LINK, preferredLanguage: code, requestSource: 'ZAPIER' })
      .reply(200, { transcript: VTT });
    await transcriptOf({ url: LINK, language });
    expect(scope.isDone()).toBe(true);
  });

  // A mapped field can be empty, or hold a number from a spreadsheet.
  it.each([undefined, '', '  ', 7])('asks for English when no language is given (%j)', async (language) => {
    const scope = nock(API)
      .post(PATH, { videoUrl: LINK, preferredLanguage: 'en', requestSource: 'ZAPIER' })
      .reply(200, { transcript: VTT });
    await transcriptOf({ url: LINK, language });
    expect(scope.isDone()).toBe(true);
  });

  it('finds nothing (an empty list) when the video has no captions in that language', async () => {
    const scope = nock(API).post(PATH).reply(404, {});
    await expect(transcriptOf({ url: LINK, language: 'fr' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [
      'https://www.tiktok.com/@garden.notes',
      'en',
      `That is a link to a TikTok profile, not to one video. ${WHAT_WORKS}`,
    ],
    ['hello', 'en', `That is not a web address. ${WHAT_WORKS}`],
    [LINK, 'english', notALanguage('english')],
    [LINK, 'e1', notALanguage('e1')],
    [LINK, 'esp', notALanguage('esp')],
    [LINK, 'eng', notALanguage('eng')],
    [LINK, 'e', notALanguage('e')],
    [LINK, 'pt-BR', notALanguage('pt-BR')],
    [LINK, 'a language name far too long to quote', notALanguage('a language name far…')],
  ])('refuses %j in %j before any request', async (url, language, message) => {
    const scope = nock(API).post(PATH).reply(200, { transcript: VTT });
    const error = await caught(() => transcriptOf({ url, language }));
    expect([error.name, userMessage(error)]).toEqual(['HaltedError', message]);
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    [
      400,
      { error: 'Invalid TikTok videoUrl format.' },
      {},
      'HaltedError',
      'DumplingAI could not process what this step sent: Invalid TikTok videoUrl format. Check the link, username or search words in this step and try again.',
    ],
    [
      400,
      { error: 'TikTok transcript API error: upstream 502' },
      {},
      'HaltedError',
      'DumplingAI could not process what this step sent: TikTok transcript API error: upstream 502. Check the link, username or search words in this step and try again.',
    ],
    [
      401,
      { error: 'API key is invalid or missing.' },
      {},
      'ExpiredAuthError',
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    ],
    [
      403,
      { error: 'Insufficient credits.' },
      {},
      'AppError',
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    ],
    [
      429,
      { error: 'Too many requests.' },
      { 'Retry-After': '5' },
      'ThrottledError',
      'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 5 seconds; nothing needs to change.',
    ],
    [
      503,
      { error: 'Rate limit exceeded.' },
      { 'Retry-After': '30' },
      'ThrottledError',
      "DumplingAI's TikTok transcript service is rate-limited right now. Zapier will retry this step in about 30 seconds; nothing needs to change.",
    ],
    [
      500,
      { error: 'TikTok transcript service API key not configured.' },
      {},
      'AppError',
      'DumplingAI had a problem on its side: TikTok transcript service API key not configured. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
    [
      500,
      { error: 'Invalid response from TikTok transcript service: bad JSON' },
      {},
      'AppError',
      'DumplingAI had a problem on its side: Invalid response from TikTok transcript service: bad JSON. Try again later; if it keeps happening, contact DumplingAI support.',
    ],
  ])('a %i says what to do, as for the video step', async (status, body, headers, name, message) => {
    const scope = nock(API).post(PATH).reply(status, body, headers);
    const error = await caught(() => transcriptOf({ url: LINK }));
    expect(scope.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([name, message]);
  });

  it.each([
    ['an HTML page', '<html>busy</html>', 'the answer was a web page, not JSON.'],
    ['an error that echoes the key', JSON.stringify({ error: `bad key ${API_KEY}` }), 'bad key :censored:.'],
    ['no transcript', '{"language":"en"}', 'the answer had no transcript.'],
  ])('a 200 with %s is a plain error, not a crash', async (_case, body, detail) => {
    const scope = nock(API).post(PATH).reply(200, body);
    const error = await caught(() => transcriptOf({ url: LINK }));
    expect(scope.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([
      'AppError',
      `DumplingAI sent an answer that is not a transcript: ${detail} Try again later; if it keeps happening, contact DumplingAI support.`,
    ]);
  });
});

describe('Get TikTok Transcript’s sample', () => {
  it('names its video by its creator’s link', () => {
    expect(getTikTokTranscript.operation.sample).toMatchObject({
      url: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
      videoId: '7524919477404745385',
    });
  });
});
