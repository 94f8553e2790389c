import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import App from '../../index';
import { LIMITS } from '../../src/dumplingai/limits';
import { fetchTranscriptText, transcript } from '../../src/hydrators/transcript';
import { API, API_KEY, bundleFor, caught, run, userMessage } from '../helpers';

const PATH = '/api/v1/get-tiktok-transcript';
const LINK = 'https://www.tiktok.com/@garden.notes/video/7524919477404745385';
const VTT =
  'WEBVTT\n\n00:00:00.120 --> 00:00:02.400\n<c.yellow>Three</c> tomato &amp; basil tricks\n\n00:00:02.400 --> 00:00:04.000\nfor a small balcony.\n';

/** Resolves a pointer's inputData through the app, as Zapier does when a later step maps the field. */
const resolve = (inputData: Record<string, unknown>, apiKey = API_KEY) =>
  run(
    (App.hydrators as Record<string, (z: ZObject, bundle: Bundle) => Promise<string>>).transcript as never,
    bundleFor(inputData, apiKey),
  );

const asked = (language = 'en', url = LINK) =>
  nock(API, { reqheaders: { authorization: `Bearer ${API_KEY}` } }).post(PATH, {
    videoUrl: url,
    preferredLanguage: language,
    requestSource: 'ZAPIER',
  });

describe('the transcript hydrator', () => {
  it('is registered beside downloadMedia', () => {
    expect(App.hydrators).toMatchObject({ transcript });
  });

  it('asks once and gives the plain text, read as Get TikTok Transcript reads it', async () => {
    const scope = asked('es').reply(200, { transcript: VTT, language: 'es' });
    await expect(resolve({ url: LINK, language: 'es' })).resolves.toBe(
      'Three tomato & basil tricks for a small balcony.',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('gives empty text for a video without captions (404), so the Zap runs on', async () => {
    const scope = asked().reply(404, {
      error: 'No subtitles were found for this video in the requested language.',
    });
    await expect(resolve({ url: LINK, language: 'en' })).resolves.toBe('');
    expect(scope.isDone()).toBe(true);
  });

  it('lets Zapier retry a 429 or 503, as the steps do', async () => {
    asked().reply(429, { error: 'Too many requests.' }, { 'Retry-After': '20' });
    const busy = await caught(() => resolve({ url: LINK, language: 'en' }));
    expect([busy.name, userMessage(busy)]).toEqual([
      'ThrottledError',
      'DumplingAI is getting too many requests from your account right now. Zapier will retry this step in about 20 seconds; nothing needs to change.',
    ]);
    asked().reply(503, { error: 'Rate limit exceeded. Please try again later.' });
    const limited = await caught(() => resolve({ url: LINK, language: 'en' }));
    expect([limited.name, userMessage(limited)]).toEqual([
      'ThrottledError',
      "DumplingAI's TikTok transcript service is rate-limited right now. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    ]);
  });

  it('tells a rejected key and an empty account as the steps do', async () => {
    asked().reply(401, { error: 'API key is invalid or missing.' });
    const key = await caught(() => resolve({ url: LINK, language: 'en' }));
    expect([key.name, userMessage(key)]).toEqual([
      'ExpiredAuthError',
      'Your DumplingAI API key is invalid or inactive. Copy a working key from your API Keys page (https://app.dumplingai.com/api-keys) and reconnect.',
    ]);
    asked().reply(403, { error: 'Insufficient credits. Please top up your account.' });
    const credits = await caught(() => resolve({ url: LINK, language: 'en' }));
    expect(userMessage(credits)).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    );
  });

  it('stops waiting for an answer that never comes at the steps’ deadline, in their words', async () => {
    asked().reply(() => new Promise<[number]>(() => undefined));
    const error = await caught(() =>
      run(
        (z, bundle: Bundle) => fetchTranscriptText({ limits: { ...LIMITS, apiDeadlineMs: 50 } })(z, bundle),
        bundleFor({ url: LINK, language: 'en' }),
      ),
    );
    expect([error.name, userMessage(error)]).toEqual([
      'ThrottledError',
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    ]);
  });

  it('says where it cut a transcript longer than it reads', async () => {
    const at = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 23); // hh:mm:ss.mmm
    const cue = (n: number) => `${at(n)} --> ${at(n + 0.5)}\nword${n}`;
    const long = `WEBVTT\n\n${Array.from({ length: 60_000 }, (_, n) => cue(n)).join('\n\n')}\n`;
    expect(long.length).toBeGreaterThan(1_000_000);
    asked().reply(200, { transcript: long });
    const text = (await resolve({ url: LINK, language: 'en' })) as string;
    expect(text.startsWith('word0 word1 word2')).toBe(true);
    expect(
      text.endsWith(
        '\n\n[The transcript was cut here: DumplingAI sent more than 1,000,000 characters, and only that much is read, to stay within what Zapier passes between steps.]',
      ),
    ).toBe(true);
  });

  it('reads a transcript of exactly 1,000,000 characters whole, with no note of a cut', async () => {
    const head = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nhello ';
    const word = 'x'.repeat(1_000_000 - head.length);
    asked().reply(200, { transcript: `${head}${word}` });
    expect(await resolve({ url: LINK, language: 'en' })).toBe(`hello ${word}`);
  });

  it.each([{}, { url: LINK }, { url: 'not a link', language: 'en' }, { url: 42, language: 'en' }])(
    'refuses a pointer that names no video and language (%j), with no request',
    async (inputData) => {
      const error = await caught(() => resolve(inputData));
      expect(JSON.parse(error.message)).toEqual({
        message:
          'This transcript reference is incomplete. Run the step that found the video again, then map its Transcript field afresh.',
        code: 'transcript_pointer_invalid',
        status: 400,
      });
    },
  );
});
