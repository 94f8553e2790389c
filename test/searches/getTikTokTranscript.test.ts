import nock from 'nock';

import {
  LANGUAGES,
  getTikTokTranscript,
  languageCode,
  transcriptText,
} from '../../src/searches/getTikTokTranscript';
import { API, API_KEY, bundleFor, caught, run, userMessage } from '../helpers';
import { apiMessages, connectionMessages } from '../../src/dumplingai/messages';
import { urlMessages } from '../../src/tiktok/linkMessages';

const PATH = '/api/v1/get-tiktok-transcript';
const LINK = 'https://www.tiktok.com/@garden.notes/video/7524919477404745385';
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
      { key: 'url', label: 'Video URL', type: 'string', required: true, helpText: transcriptText.urlHelp },
      {
        key: 'language',
        label: 'Language',
        type: 'string',
        required: false,
        default: 'en',
        choices: LANGUAGES,
        helpText: transcriptText.languageHelp,
      },
    ]);
    expect(Object.keys(LANGUAGES)).toEqual(expect.arrayContaining(['en', 'es', 'fr', 'pt', 'de', 'ja']));
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

  it.each([undefined, '', '  '])('asks for English when no language is given (%j)', async (language) => {
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
    ['https://www.tiktok.com/@garden.notes', 'en', urlMessages.profile],
    ['hello', 'en', urlMessages.notAUrl],
    [LINK, 'english', transcriptText.badLanguage('english')],
    [LINK, 'e1', transcriptText.badLanguage('e1')],
    [LINK, 'esp', transcriptText.badLanguage('esp')],
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
      apiMessages.badRequest('Invalid TikTok videoUrl format.'),
    ],
    [
      400,
      { error: 'TikTok transcript API error: upstream 502' },
      {},
      'HaltedError',
      apiMessages.badRequest('TikTok transcript API error: upstream 502'),
    ],
    [401, { error: 'API key is invalid or missing.' }, {}, 'ExpiredAuthError', connectionMessages.invalidKey],
    [403, { error: 'Insufficient credits.' }, {}, 'AppError', apiMessages.outOfCredits],
    [
      429,
      { error: 'Too many requests.' },
      { 'Retry-After': '5' },
      'ThrottledError',
      apiMessages.tooManyRequests(5, 'step'),
    ],
    [
      503,
      { error: 'Rate limit exceeded.' },
      { 'Retry-After': '30' },
      'ThrottledError',
      apiMessages.rateLimited(30, 'step'),
    ],
    [
      500,
      { error: 'TikTok transcript service API key not configured.' },
      {},
      'AppError',
      apiMessages.serverError('TikTok transcript service API key not configured.'),
    ],
    [
      500,
      { error: 'Invalid response from TikTok transcript service: bad JSON' },
      {},
      'AppError',
      apiMessages.serverError('Invalid response from TikTok transcript service: bad JSON'),
    ],
  ])('a %i says what to do, as for the video step', async (status, body, headers, name, message) => {
    const scope = nock(API).post(PATH).reply(status, body, headers);
    const error = await caught(() => transcriptOf({ url: LINK }));
    expect(scope.isDone()).toBe(true);
    expect([error.name, userMessage(error)]).toEqual([name, message]);
  });

  it.each([
    ['an HTML page', '<html>busy</html>', 'the answer was a web page, not JSON.'],
    ['an error that echoes the key', JSON.stringify({ error: `bad key ${API_KEY}` }), 'bad key :censored:'],
    ['no transcript', '{"language":"en"}', 'the answer had no transcript.'],
  ])('a 200 with %s is a plain error, not a crash', async (_case, body, detail) => {
    nock(API).post(PATH).reply(200, body);
    const error = await caught(() => transcriptOf({ url: LINK }));
    expect([error.name, userMessage(error)]).toEqual(['AppError', apiMessages.unreadableTranscript(detail)]);
  });
});

describe('languageCode', () => {
  it.each([
    ['en', 'en'],
    [' PT ', 'pt'],
    ['', 'en'],
    [undefined, 'en'],
    [7, 'en'],
    ['pt-BR', null],
    ['eng', null],
    ['e', null],
  ])('reads %j as %j', (input, code) => {
    expect(languageCode(input)).toBe(code);
  });
});
