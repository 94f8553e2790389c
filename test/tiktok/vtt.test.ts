import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { cleanLine, readTranscript } from '../../src/tiktok/vtt';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', 'fixtures', 'transcripts', name), 'utf8');

describe('readTranscript', () => {
  it('reads a WebVTT file full of real-world quirks into clean text and timed segments', () => {
    // A byte-order mark, CRLF, text after WEBVTT, NOTE/STYLE/REGION blocks, cue ids, timestamps
    // with and without hours, cue settings, voice, class and italic markup, an inline timestamp,
    // entities, an empty cue and a two-line cue.
    expect(readTranscript(fixture('quirks.vtt'))).toEqual({
      text: 'Hi everyone, welcome back to my kitchen & garden today we make dumplings\n\nfold, pleat, steam <3 repeat',
      segments: [
        { start: 0.12, end: 2.4, text: 'Hi everyone, welcome back' },
        { start: 2.4, end: 4.9, text: 'to my kitchen & garden' },
        { start: 4.9, end: 7, text: 'today we make dumplings' },
        { start: 10, end: 12.5, text: 'fold, pleat, steam <3 repeat' },
      ],
      wordCount: 18,
      durationSeconds: 12.5,
    });
  });

  it('says the repeated lines of rolling auto-captions once', () => {
    expect(readTranscript(fixture('rolling.vtt'))).toEqual({
      text: 'so the first thing you want to do is water the soil deeply',
      segments: [
        { start: 0, end: 2, text: 'so the first thing you' },
        { start: 2.01, end: 4, text: 'want to do is water' },
        { start: 4, end: 6, text: 'the soil deeply' },
      ],
      wordCount: 13,
      durationSeconds: 6,
    });
  });

  it('takes text that is not WebVTT as the plain transcript', () => {
    expect(readTranscript(fixture('plain.txt'))).toEqual({
      text: 'This transcript came back as plain text. It has no timings at all.\n\nA second paragraph.',
      segments: [],
      wordCount: 16,
      durationSeconds: null,
    });
  });

  it('gives an empty transcript for a WebVTT file without cues', () => {
    expect(readTranscript('WEBVTT\n\nNOTE nothing was said\n')).toEqual({
      text: '',
      segments: [],
      wordCount: 0,
      durationSeconds: null,
    });
  });

  it('starts a new paragraph at a long paragraph’s sentence end', () => {
    const sentence = 'This is one sentence of a long talk about dumplings and how to fold them.';
    const cues = Array.from(
      { length: 12 },
      (_, n) =>
        `00:00:${String(n).padStart(2, '0')}.000 --> 00:00:${String(n).padStart(2, '0')}.900\n${sentence} ${n}.`,
    );
    const { text } = readTranscript(`WEBVTT\n\n${cues.join('\n\n')}\n`);
    expect(text.split('\n\n').length).toBe(2);
    expect(text.split('\n\n')[0]?.endsWith('7.')).toBe(true);
  });
});

describe('cleanLine', () => {
  it.each([
    ['<v.loud Speaker One>Hello</v>', 'Hello'],
    ['<c.colorE5E5E5>a</c><00:00:01.500><c> b</c>', 'a b'],
    ['Tom &amp; Jerry &lt;&gt; &quot;x&quot; &#39;y&#39; &#x1F95F; &lrm;z', 'Tom & Jerry <> "x" \'y\' 🥟 z'],
    ['&unknown; &#0; &#x110000;', '&unknown; &#0; &#x110000;'],
    ['  spaced   out\t text ', 'spaced out text'],
  ])('cleans %j to %j', (line, expected) => {
    expect(cleanLine(line)).toBe(expected);
  });
});

describe('readTranscript, property-based', () => {
  const cueText = fc.string({ maxLength: 40 }).filter((text) => !text.includes('\n'));
  const timestamp = fc.integer({ min: 0, max: 36_000_000 }).map((ms) => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
  });
  const vtt = fc
    .array(fc.tuple(timestamp, timestamp, cueText), { maxLength: 20 })
    .map((cues) => `WEBVTT\n\n${cues.map(([a, b, t]) => `${a} --> ${b}\n${t}`).join('\n\n')}\n`);

  it('never throws, and every number it gives is finite', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), vtt), (raw) => {
        const transcript = readTranscript(raw);
        for (const segment of transcript.segments) {
          expect(Number.isFinite(segment.start) && Number.isFinite(segment.end)).toBe(true);
          expect(segment.text).not.toMatch(/<[^>]*>/);
        }
        expect(Number.isFinite(transcript.wordCount)).toBe(true);
      }),
    );
  });
});
