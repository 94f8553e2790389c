import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import { readTranscript, type Segment, type Transcript } from '../../src/tiktok/vtt';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', 'fixtures', 'transcripts', name), 'utf8');

describe('readTranscript', () => {
  it('reads a WebVTT file full of real-world quirks into clean text and timed segments', () => {
    // A byte-order mark, CRLF, text after WEBVTT, NOTE/STYLE/REGION blocks, cue ids, timestamps
    // with and without hours, cue settings, voice, class and italic markup, an inline timestamp,
    // references, an empty cue and a two-line cue.
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

  it('reads minutes of YouTube auto-captions: every line once, in order, timed by the cue that brings it', () => {
    // 203 cues as yt-dlp writes YouTube's auto-captions: word-timed `<00:00:01.500><c>` markup, a
    // line holding one space, 10 ms repeat cues, timing lines with no blank line before them. The
    // expected lines and times come from the model that wrote the file (bench/youtubeCaptions.ts).
    const expected = JSON.parse(fixture('youtube-rolling.expected.json')) as Pick<
      Transcript,
      'text' | 'segments'
    >;
    const transcript = readTranscript(fixture('youtube-rolling.vtt'));
    expect(transcript.segments).toEqual(expected.segments);
    expect(transcript.text).toBe(expected.text);
    expect(transcript.segments).toHaveLength(109);
    expect([transcript.wordCount, transcript.durationSeconds]).toEqual([463, 202.99]);
  });

  it('takes text that is not WebVTT as the plain transcript', () => {
    expect(readTranscript(fixture('plain.txt'))).toEqual({
      text: 'This transcript came back as plain text. It has no timings at all.\n\nA second paragraph.',
      segments: [],
      wordCount: 16,
      durationSeconds: null,
    });
  });

  it.each([
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/signature-*.vtt: the signature
    // is WEBVTT alone or followed by a space, a tab or a line break.
    ['WEBVTTX\n\n00:00:00.000 --> 00:00:01.000\nhello', 'WEBVTTX\n\n00:00:00.000 --> 00:00:01.000 hello'],
    ['WEBVT\n\nhello\u0000', 'WEBVT\n\nhello\u0000'],
    // A form feed is whitespace elsewhere in WebVTT, but not after the signature.
    [
      'WEBVTT\fcaptions\n\n00:00:01.000 --> 00:00:02.000\nhi',
      'WEBVTT captions\n\n00:00:01.000 --> 00:00:02.000 hi',
    ],
  ])('takes %j, which lacks the signature, as plain text', (raw, text) => {
    expect(readTranscript(raw)).toMatchObject({ text, segments: [], durationSeconds: null });
  });

  it.each([
    [
      'a byte-order mark left where two texts were joined, as a break between words',
      'Thanks for watching.\uFEFFSubscribe for more recipes.',
      'Thanks for watching. Subscribe for more recipes.',
      7,
    ],
    [
      'WEBVTT said in the talk, not as the signature',
      'In this video I export my captions as WEBVTT and upload them.',
      'In this video I export my captions as WEBVTT and upload them.',
      12,
    ],
    [
      'lines that end in a space, as one run of space',
      'First we rinse the rice. \nThen we soak it.\n\nNow the dumplings.',
      'First we rinse the rice. Then we soak it.\n\nNow the dumplings.',
      12,
    ],
    [
      'blank lines, some holding spaces, between and after the paragraphs',
      'First paragraph.\r\n\r\n  \r\n\r\nSecond paragraph.\r\n\r\n',
      'First paragraph.\n\nSecond paragraph.',
      4,
    ],
  ])('reads plain text with %s', (_what, raw, text, wordCount) => {
    expect(readTranscript(raw)).toEqual({ text, segments: [], wordCount, durationSeconds: null });
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

// Each file is written here, shaped like the public test file named next to it; the segments are
// the cues that the W3C WebVTT parser algorithm keeps (https://w3c.github.io/webvtt/#file-parsing).
const QUIRKS: [string, string, Segment[]][] = [
  [
    // webvtt-py tests/subtitles/youtube_dl.vtt: yt-dlp writes a timing line right after cue text.
    'a timing line right after cue text, as yt-dlp writes it',
    'WEBVTT\nKind: captions\nLanguage: en\n\n00:01:12.300 --> 00:01:15.940 align:start position:0%\nokay\n<c.colorCCCCCC>now</c>\n00:01:15.940 --> 00:01:17.210 align:start position:0%\nwe<00:01:16.100><c> fold</c><c.colorE5E5E5><00:01:16.480><c> the</c></c><00:01:16.900><c> edges</c>\n',
    [
      { start: 72.3, end: 75.94, text: 'okay now' },
      { start: 75.94, end: 77.21, text: 'we fold the edges' },
    ],
  ],
  [
    // webvtt-py tests/subtitles/using_identifiers.vtt, less the blank line before an id: a block's
    // first line only is an id, so the id line is still the previous cue's text.
    'a cue id and timing line right after cue text',
    'WEBVTT\n\n00:00:00.500 --> 00:00:07.000\nFirst caption\nsecond caption\n00:00:07.000 --> 00:00:11.890\nSecond caption\n',
    [
      { start: 0.5, end: 7, text: 'First caption second caption' },
      { start: 7, end: 11.89, text: 'Second caption' },
    ],
  ],
  [
    // webvtt-py tests/subtitles/invalid_timeframe_in_cue_text.vtt: a timing line twice in a row
    // makes an empty cue, and the second line starts the cue that holds the text.
    'a timing line repeated inside a cue',
    'WEBVTT\n\n00:00:00.500 --> 00:00:07.000\nLine one\n\n00:00:07.000 --> 00:00:10.890\n00:00:07.000 --> 00:00:10.890\nLine two #2\n\n00:00:11.890 --> 00:00:16.320\nLine three\n',
    [
      { start: 0.5, end: 7, text: 'Line one' },
      { start: 7, end: 10.89, text: 'Line two #2' },
      { start: 11.89, end: 16.32, text: 'Line three' },
    ],
  ],
  [
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/arrows.vtt: a line with `-->`
    // that is no timing ends the cue and starts a block that is no cue; a lone `-->` is no text.
    'lines with arrows that are not timings',
    'WEBVTT\n\n-->\n00:00:02.000 --> 00:00:03.500\nboil the water\nthen-->\n00:00:03.500 --> 00:00:05.000\nadd salt\n-->later\n00:00:05.000 --> 00:00:06.000\nstir\n---->\n00:00:06.000 --> 00:00:07.250\ntaste\n-->-->-->\n00:00:07.250 --> 00:00:08.000\nserve\n00:00:08.000 --> 00:00:09.000\nenjoy\n-->\nnot said\n\n00:00:09.000 -x -->\n\n00:00:09.000 -- -->\n',
    [
      { start: 2, end: 3.5, text: 'boil the water' },
      { start: 3.5, end: 5, text: 'add salt' },
      { start: 5, end: 6, text: 'stir' },
      { start: 6, end: 7.25, text: 'taste' },
      { start: 7.25, end: 8, text: 'serve' },
      { start: 8, end: 9, text: 'enjoy' },
    ],
  ],
  [
    // YouTube auto-captions as yt-dlp writes them (the shape of webvtt-py tests/subtitles/
    // youtube_dl.vtt); web-platform-tests ids.vtt: a line holding a space is not a blank line.
    'a line holding only a space',
    'WEBVTT\nKind: captions\nLanguage: en\n\n00:00:00.040 --> 00:00:03.110 align:start position:0%\n \nfirst<00:00:00.620><c> rinse</c><00:00:00.900><c> the</c>\n\n00:00:03.110 --> 00:00:03.120 align:start position:0%\nfirst rinse the\n \n\n00:00:03.120 --> 00:00:05.800 align:start position:0%\nfirst rinse the\nrice<00:00:03.500><c> twice</c><00:00:04.100><c> over</c>\n',
    [
      { start: 0.04, end: 3.11, text: 'first rinse the' },
      { start: 3.12, end: 5.8, text: 'rice twice over' },
    ],
  ],
  [
    // w3c/webvtt.js test/wpt-cue-parsing/entities.vtt (web-platform-tests webvtt/parsing/
    // cue-text-parsing): any HTML character reference, named or numeric, decodes as in HTML.
    'character references beyond a short list',
    'WEBVTT\n\n00:00.000 --> 00:01.000\n&copy; 2025 &notin; &nsubE; &ClockwiseContourIntegral;\n\n00:01.000 --> 00:02.000\nwait&#x2014;what&#32;&#x1F95F; &notit; &#0; &#128; &unknown; &; &1\n',
    [
      { start: 0, end: 1, text: '© 2025 ∉ \u2ac5\u0338 ∲' },
      { start: 1, end: 2, text: 'wait—what 🥟 ¬it; \ufffd € &unknown; &; &1' },
    ],
  ],
  [
    // Shaped like mozilla/vtt.js tests/cuetext/escape-characters/incorrect.vtt (references cut
    // short or without their semicolon), whose expected text keeps them all as written, from
    // vtt.js's short list of references. HTML decodes a legacy name without its semicolon in text,
    // and so does this reader.
    'legacy references without a semicolon',
    'WEBVTT\n\n00:00.000 --> 00:02.000\nTom &amp Jerry &lt3 caf&eacute x&nbspy &l &am;\n',
    [{ start: 0, end: 2, text: 'Tom & Jerry <3 café x y &l &am;' }],
  ],
  [
    // WebKit LayoutTests/media/track/captions-webvtt/tc022-entities.vtt: escaped markup is text.
    'escaped tags, which are text and not markup',
    'WEBVTT\n\n00:00:00.000 --> 00:00:30.500 align:start position:20%\nwrite &lt;b&gt;bold&lt;/b&gt; &amp; &#60;i&#62;\n',
    [{ start: 0, end: 30.5, text: 'write <b>bold</b> & <i>' }],
  ],
  [
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/timings-too-short.vtt,
    // timings-too-long.vtt, timings-60.vtt and timings-omitted-hours.vtt: a malformed timestamp
    // makes the cue invalid; one digit of hours, or no hours at all, is fine.
    'malformed timestamps',
    'WEBVTT\n\n00:00:00.00 --> 00:00:01.000\ndropped\n\n00:0:00.000 --> 00:00:01.000\ndropped\n\n00:00:60.000 --> 00:01:00.000\ndropped\n\n00:60:00.000 --> 01:00:00.000\ndropped\n\n00:00:00.0000 --> 00:00:01.000\ndropped\n\n100:00.000 --> 100:01.000\ndropped\n\n00:00:00.000 --> 00:00:01.00\ndropped\n\n0:00:01.000 --> 0:00:02.000\nkept with one digit of hours\n\n00:02.000 --> 00:03.000\nkept without hours\n',
    [
      { start: 1, end: 2, text: 'kept with one digit of hours' },
      { start: 2, end: 3, text: 'kept without hours' },
    ],
  ],
  [
    // WebKit LayoutTests/media/track/captions-webvtt/tc022-entities-wrong.vtt and mozilla/vtt.js
    // tests/cuetext/lang/no-end-gt.vtt: a `<` with no `>` starts a tag that runs to the cue's end.
    'a < with no closing >',
    'WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nuse 2 < 3 cups of flour\nthen knead &amp; rest\n\n00:00:10.000 --> 00:00:14.000\nwait until it is > twice the size\n\n00:00:15.000 --> 00:00:16.000\n<lang en hello\n',
    [
      { start: 5, end: 9, text: 'use 2' },
      { start: 10, end: 14, text: 'wait until it is > twice the size' },
    ],
  ],
  [
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/nulls.vtt: NUL is U+FFFD, so a
    // line of NUL is no blank line (the header goes on) and NUL is no whitespace in a timing line.
    'NUL characters',
    'WEBVTT\n\u0000\n(the header goes on)\n00:00:00.000 --> 00:00:01.000\ntext\u00002\n\n00:00:01.000 --> 00:00:02.000\u0000align:end\ntwo\n\n00:00:02.000\u0000 --> 00:00:03.000\ndropped\n',
    [
      { start: 0, end: 1, text: 'text\ufffd2' },
      { start: 1, end: 2, text: 'two' },
    ],
  ],
  [
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/whitespace-chars.vtt: spaces,
    // tabs and form feeds may surround the timings; a vertical tab is not whitespace there.
    'whitespace in timing lines',
    'WEBVTT\n\nrice\n  00:00:00.000  -->   00:00:01.500  \n  rinse it\n\nsoak\n\t00:00:01.500\t\t-->\t00:00:02.500\t\nleave it\n\nsteam\n\f00:00:02.500\f-->\f\f00:00:03.000\f\ncook it\n\nnever\n\v00:00:03.000\v-->\v00:00:04.000\v\nnot shown\n',
    [
      { start: 0, end: 1.5, text: 'rinse it' },
      { start: 1.5, end: 2.5, text: 'leave it' },
      { start: 2.5, end: 3, text: 'cook it' },
    ],
  ],
  [
    // web-platform-tests webvtt/parsing/file-parsing/tests/support/header-timings.vtt: a timing
    // line ends the header even without a blank line.
    'a timing line inside the header',
    'WEBVTT\nKind: captions\n00:00:00.000 --> 00:00:01.000\ntext',
    [{ start: 0, end: 1, text: 'text' }],
  ],
  [
    // The specification's "collect a WebVTT block" (no suite has the case; webvtt-parser 2.2.0
    // drops these cues): NOTE or STYLE with a timing line as the block's second line is a cue id,
    // and a timing line later in a block starts a new block.
    'NOTE and STYLE blocks with no blank line before a cue',
    'WEBVTT\n\nSTYLE\n::cue { color: white }\n00:00:01.000 --> 00:00:02.000\nHello\n\nNOTE made by hand\n00:00:02.000 --> 00:00:03.000\nthere\n',
    [
      { start: 1, end: 2, text: 'Hello' },
      { start: 2, end: 3, text: 'there' },
    ],
  ],
  [
    // WebKit LayoutTests/media/track/captions-webvtt/tc012-out-of-order.vtt: cues out of order
    // are kept, in the text track's order (by start time, the longer of two first).
    'cues out of order',
    'WEBVTT\n\n00:00:20.000 --> 00:01:00.500\nthird\n\n00:00:00.000 --> 00:00:30.500\nfirst\n\n00:00:01.000 --> 100:20:00.500\nsecond\n\n00:00:20.000 --> 00:02:00.000\nthird but longer\n',
    [
      { start: 0, end: 30.5, text: 'first' },
      { start: 1, end: 361200.5, text: 'second' },
      { start: 20, end: 120, text: 'third but longer' },
      { start: 20, end: 60.5, text: 'third' },
    ],
  ],
  [
    // Hours beyond any number (the timestamp rules set no limit): such a cue cannot be timed.
    'hours beyond any number',
    `WEBVTT\n\n${'9'.repeat(320)}:00:00.000 --> ${'9'.repeat(320)}:00:01.000\nnever\n\n00:00:01.000 --> 00:00:02.000\nkept\n`,
    [{ start: 1, end: 2, text: 'kept' }],
  ],
];

describe('readTranscript on real-world quirks', () => {
  it.each(QUIRKS)('reads %s', (_name, raw, segments) => {
    expect(readTranscript(raw).segments).toEqual(segments);
  });

  it('reads cues of a few hundred thousand lines, as a 1 MB transcript can hold, without a stack overflow', () => {
    const lines = `${'so\n'.repeat(150_000)}and then`;
    const { segments } = readTranscript(
      `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${lines}\n\n00:00:01.000 --> 00:00:02.000\n${lines}\n`,
    );
    expect(segments.map(({ start, text }) => [start, text.length])).toEqual([
      [0, 150_000 * 3 + 8],
      [1, 150_000 * 3 + 8],
    ]);
  });

  it('keeps 40,000 cues that never end a sentence or pause in one paragraph', () => {
    const cues = Array.from({ length: 40_000 }, (_, n) => `00:00.000 --> 00:01.000\nword${n}\n`);
    const { text, segments } = readTranscript(`WEBVTT\n\n${cues.join('\n')}`);
    expect([segments.length, text.split('\n\n').length, text.endsWith(' word39999')]).toEqual([
      40_000,
      1,
      true,
    ]);
  });

  it('says a repeat of up to four lines once, as roll-up captions show at most four rows', () => {
    const cue = (start: number, lines: string) =>
      `${`0${start}`.slice(-2)}:00.000 --> ${`0${start + 1}`.slice(-2)}:00.000\n${lines}\n\n`;
    const read = readTranscript(
      `WEBVTT\n\n${cue(0, 'a\nb\nc\nd')}${cue(1, 'a\nb\nc\nd\ne')}${cue(2, 'a\nb\nc\nd\ne\nf')}`,
    );
    expect(read.segments).toEqual([
      { start: 0, end: 60, text: 'a b c d' },
      { start: 60, end: 120, text: 'e' },
      { start: 120, end: 180, text: 'a b c d e f' },
    ]);
  });

  it('times the transcript by the last cue’s end, an empty cue too', () => {
    expect(
      readTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n00:00:05.000 --> 00:00:09.000\n\n'),
    ).toEqual({
      text: 'hello',
      segments: [{ start: 1, end: 2, text: 'hello' }],
      wordCount: 1,
      durationSeconds: 9,
    });
  });
});

// Rules of the W3C WebVTT parser algorithm, and of the app's own layer on top, one row each: the
// whole transcript is compared, as a rule can show in the text, the duration or nowhere else.
const RULES: [string, string, Transcript][] = [
  // "Collect WebVTT cue timings and settings" skips only ASCII whitespace (tab, line feed, form
  // feed, carriage return, space) around the timestamps: a vertical tab in any one place fails.
  [
    'a vertical tab before the start time',
    'WEBVTT\n\n\v00:00:01.000 --> 00:00:02.000\nnot shown\n\n00:00:03.000 --> 00:00:04.000\nshown\n',
    { text: 'shown', segments: [{ start: 3, end: 4, text: 'shown' }], wordCount: 1, durationSeconds: 4 },
  ],
  [
    'a vertical tab between the start time and the arrow',
    'WEBVTT\n\n00:00:01.000\v--> 00:00:02.000\nnot shown\n\n00:00:03.000 --> 00:00:04.000\nshown\n',
    { text: 'shown', segments: [{ start: 3, end: 4, text: 'shown' }], wordCount: 1, durationSeconds: 4 },
  ],
  [
    'a vertical tab between the arrow and the end time',
    'WEBVTT\n\n00:00:01.000 -->\v00:00:02.000\nnot shown\n\n00:00:03.000 --> 00:00:04.000\nshown\n',
    { text: 'shown', segments: [{ start: 3, end: 4, text: 'shown' }], wordCount: 1, durationSeconds: 4 },
  ],
  [
    // The timing line must start with the start time: anything else before it makes no cue.
    'text before the start time',
    'WEBVTT\n\nx 00:00:01.000 --> 00:00:02.000\nnot shown\n\n00:00:03.000 --> 00:00:04.000\nshown\n',
    { text: 'shown', segments: [{ start: 3, end: 4, text: 'shown' }], wordCount: 1, durationSeconds: 4 },
  ],
  [
    // Only the two-dash arrow `-->` ends a block; a one-dash arrow is cue text.
    'cue text with a one-dash arrow',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nleft -> right\nand back\n',
    {
      text: 'left -> right and back',
      segments: [{ start: 1, end: 2, text: 'left -> right and back' }],
      wordCount: 5,
      durationSeconds: 2,
    },
  ],
  [
    // A second timing line ends the block of the first, which is kept as an empty cue: it says
    // nothing but still times the transcript.
    'an empty cue straight followed by a timing line',
    'WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n00:00:02.000 --> 00:00:03.000\nhello\n',
    { text: 'hello', segments: [{ start: 2, end: 3, text: 'hello' }], wordCount: 1, durationSeconds: 9 },
  ],
  [
    // "Collect a WebVTT timestamp": the seconds are exactly two digits, with hours or without.
    'seconds of one or three digits',
    'WEBVTT\n\n00:00:0.000 --> 00:00:01.000\ndropped\n\n00:00:001.000 --> 00:00:02.000\ndropped\n\n00:0.000 --> 00:01.000\ndropped\n\n00:00:03.000 --> 00:00:04.000\nkept\n',
    { text: 'kept', segments: [{ start: 3, end: 4, text: 'kept' }], wordCount: 1, durationSeconds: 4 },
  ],
  [
    // Two digits of 59 or less are minutes when no hours come first; 60 would have to be hours.
    'minutes of 59 without hours',
    'WEBVTT\n\n59:00.000 --> 59:01.000\nlast minute\n\n60:00.000 --> 60:01.000\ndropped\n',
    {
      text: 'last minute',
      segments: [{ start: 3540, end: 3541, text: 'last minute' }],
      wordCount: 2,
      durationSeconds: 3541,
    },
  ],
  [
    // The parser has no step that drops such a cue (only authors are told to end cues after
    // they start), so a browser keeps it.
    'a cue that ends before it starts',
    'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n',
    {
      text: 'backwards',
      segments: [{ start: 5, end: 1, text: 'backwards' }],
      wordCount: 1,
      durationSeconds: 1,
    },
  ],
  [
    // The signature may be the whole file.
    'a file that is only the signature',
    'WEBVTT',
    { text: '', segments: [], wordCount: 0, durationSeconds: null },
  ],
  [
    // A tab may follow the signature, as a space may.
    'a tab after the signature',
    'WEBVTT\tcaptions by hand\n\n00:00:01.000 --> 00:00:02.000\nhi\n',
    { text: 'hi', segments: [{ start: 1, end: 2, text: 'hi' }], wordCount: 1, durationSeconds: 2 },
  ],
  [
    // The parser's first step turns every CR, alone or before LF, into a line feed.
    'carriage returns alone as line breaks',
    'WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rfirst line\rsecond\r\r00:00:03.000 --> 00:00:04.000\rthird\r',
    {
      text: 'first line second third',
      segments: [
        { start: 1, end: 2, text: 'first line second' },
        { start: 3, end: 4, text: 'third' },
      ],
      wordCount: 4,
      durationSeconds: 4,
    },
  ],
  [
    // Each run of text between tags decodes as HTML text does, legacy references too, whatever
    // its place among the runs (decoding each run in a mode picked by its place would leave the
    // references of the second and third runs as they are).
    'legacy references in the second and third runs of text between tags',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>&notit; x&nbspy</v> caf&eacutes &amp;\n',
    {
      text: '¬it; x y cafés &',
      segments: [{ start: 1, end: 2, text: '¬it; x y cafés &' }],
      wordCount: 5,
      durationSeconds: 2,
    },
  ],
  [
    // A tag is no character of the text: markup inside a word leaves the word whole.
    'tags inside a word',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ndump<i>ling</i>s\n',
    {
      text: 'dumplings',
      segments: [{ start: 1, end: 2, text: 'dumplings' }],
      wordCount: 1,
      durationSeconds: 2,
    },
  ],
  [
    // The longest repeat is taken first: `la la` repeated is not `la` repeated then `la` said.
    'a rolling repeat of a line that repeats a word',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nla\nla\n\n00:00:02.000 --> 00:00:03.000\nla\nla\nlove\n',
    {
      text: 'la la love',
      segments: [
        { start: 1, end: 2, text: 'la la' },
        { start: 2, end: 3, text: 'love' },
      ],
      wordCount: 3,
      durationSeconds: 3,
    },
  ],
  [
    // A repeat may reach back past the cue before: a three-row roll-up repeats two cues' lines.
    'a three-row roll-up',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\n\n00:00:02.000 --> 00:00:03.000\na\nb\n\n00:00:03.000 --> 00:00:04.000\na\nb\nc\n',
    {
      text: 'a b c',
      segments: [
        { start: 1, end: 2, text: 'a' },
        { start: 2, end: 3, text: 'b' },
        { start: 3, end: 4, text: 'c' },
      ],
      wordCount: 3,
      durationSeconds: 4,
    },
  ],
  [
    // Times are whole milliseconds: 3.100 to 5.100 is a pause of 2 seconds, though 5.1 - 3.1 is
    // a little less than 2 in floating point.
    'a pause of exactly 2 seconds',
    'WEBVTT\n\n00:00:01.100 --> 00:00:03.100\none\n\n00:00:05.100 --> 00:00:06.000\ntwo\n',
    {
      text: 'one\n\ntwo',
      segments: [
        { start: 1.1, end: 3.1, text: 'one' },
        { start: 5.1, end: 6, text: 'two' },
      ],
      wordCount: 2,
      durationSeconds: 6,
    },
  ],
  [
    'a pause of 1.999 seconds',
    'WEBVTT\n\n00:00:01.100 --> 00:00:03.100\none\n\n00:00:05.099 --> 00:00:06.000\ntwo\n',
    {
      text: 'one two',
      segments: [
        { start: 1.1, end: 3.1, text: 'one' },
        { start: 5.099, end: 6, text: 'two' },
      ],
      wordCount: 2,
      durationSeconds: 6,
    },
  ],
  [
    // Cues are in start order, so the one that ends last need not be the last.
    'a long cue that ends after the cues it spans',
    'WEBVTT\n\n00:00.000 --> 01:40.000\nintro music\n\n00:01.000 --> 00:02.000\nhello\n',
    {
      text: 'intro music hello',
      segments: [
        { start: 0, end: 100, text: 'intro music' },
        { start: 1, end: 2, text: 'hello' },
      ],
      wordCount: 3,
      durationSeconds: 100,
    },
  ],
  [
    'cues that say nothing',
    'WEBVTT\n\n00:00.000 --> 00:05.000\n\n',
    { text: '', segments: [], wordCount: 0, durationSeconds: 5 },
  ],
];

describe('readTranscript, rule by rule', () => {
  it.each(RULES)('reads %s', (_name, raw, transcript) => {
    expect(readTranscript(raw)).toEqual(transcript);
  });
});

// A long paragraph ends once it holds 600 characters and its last segment ends a sentence (a
// stop, `!`, `?` or `…`, and perhaps a closing quote or bracket). Each row: the cues' texts, one a
// second with no pause, and the lengths of the paragraphs read.
const LONG_PARAGRAPHS: [string, string[], number[]][] = [
  ['600 characters ending with a stop', [`${'w'.repeat(599)}.`, 'and on'], [600, 6]],
  ['599 characters ending with a stop', [`${'w'.repeat(598)}.`, 'and on'], [606]],
  ['600 characters ending with an ellipsis', [`${'w'.repeat(599)}…`, 'and on'], [600, 6]],
  ['600 characters ending with a stop and a quote', [`${'w'.repeat(598)}."`, 'and on'], [600, 6]],
  ['600 characters ending with a stop and an apostrophe', [`${'w'.repeat(598)}.'`, 'and on'], [600, 6]],
  ['600 characters ending with ! and a parenthesis', [`${'w'.repeat(598)}!)`, 'and on'], [600, 6]],
  ['600 characters ending with ? and a bracket', [`${'w'.repeat(598)}?]`, 'and on'], [600, 6]],
  ['600 characters with no sentence end, then a cue that ends one', ['w'.repeat(600), 'done.'], [606]],
  [
    '600 characters whose last cue has a stop inside it but not at its end',
    ['w'.repeat(590), 'St. Louis', 'and on'],
    [607],
  ],
  ['300 characters, then 299 ending with a stop', ['w'.repeat(299), `${'w'.repeat(298)}.`, 'and on'], [606]],
  [
    '300 characters, then 300 ending with a stop',
    ['w'.repeat(299), `${'w'.repeat(299)}.`, 'and on'],
    [600, 6],
  ],
];

describe('readTranscript paragraphs', () => {
  it.each(LONG_PARAGRAPHS)('reads %s', (_name, texts, lengths) => {
    const cues = texts.map((text, n) => `00:00:0${n}.000 --> 00:00:0${n + 1}.000\n${text}\n`);
    const { text } = readTranscript(`WEBVTT\n\n${cues.join('\n')}`);
    expect(text.split('\n\n').map((paragraph) => paragraph.length)).toEqual(lengths);
  });
});

describe('readTranscript, property-based', () => {
  // What the reader's every step reacts to: timing lines, well formed or not, line breaks, markup and
  // reference characters, NUL, whitespace WebVTT counts and whitespace it does not, and runs of
  // digits, short ones and ones far beyond any number of hours.
  const digits = (minLength: number, maxLength: number) =>
    fc.string({ unit: fc.nat({ max: 9 }).map(String), minLength, maxLength });
  const digitRun = fc.oneof({ arbitrary: digits(2, 2), weight: 3 }, digits(1, 4), digits(300, 400));
  const timestamp = fc.oneof(
    {
      arbitrary: fc.constantFrom('00:00.000', '00:00:01.000', '59:59.999', `${'9'.repeat(320)}:00:01.000`),
      weight: 3,
    },
    fc
      .tuple(digitRun, digitRun, fc.option(digitRun), fc.oneof(digits(3, 3), digitRun))
      .map(([a, b, c, fraction]) => `${a}:${b}${c === null ? '' : `:${c}`}.${fraction}`),
  );
  const timingLine = fc
    .tuple(timestamp, fc.constantFrom(' --> ', '-->', '\t-->\f', ' \v--> ', ' -> '), timestamp)
    .map(([start, arrow, end]) => `\n${start}${arrow}${end}\n`);
  const fragment = fc.oneof(
    { arbitrary: timingLine, weight: 3 },
    fc.constantFrom('-->', '\n', '\r', '<', '>', '&', ';', '\u0000'),
    fc.constantFrom('\v', '\f', ' ', '\t', ':', '.', '#x', 'amp'),
    fc.constantFrom('NOTE', '<c>', '</c>', '<00:00:01.500>', '&amp;', '&lt3', 'said'),
    digitRun,
    fc.string(),
  );
  const webvtt = fc
    .tuple(
      fc.constantFrom('WEBVTT', 'WEBVTT\n', 'WEBVTT\n\n', 'WEBVTT ', 'WEBVTT\t', '\uFEFFWEBVTT\r\n'),
      fc.array(fragment, { maxLength: 40 }),
    )
    .map(([signature, fragments]) => signature + fragments.join(''));

  it('never throws on any string, WebVTT or not, and every number it gives is finite', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: webvtt, weight: 6 },
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
        ),
        (raw) => {
          const { segments, wordCount, durationSeconds } = readTranscript(raw);
          expect([
            segments.every(({ start, end }) => Number.isFinite(start) && Number.isFinite(end)),
            Number.isFinite(wordCount),
            durationSeconds === null || Number.isFinite(durationSeconds),
          ]).toEqual([true, true, true]);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Pieces of cue text and what a viewer reads of each: markup reads as nothing, an escaped tag as
  // the tag's characters, NUL as U+FFFD, a legacy reference without its semicolon as its
  // character; a line holding a space is not a blank line. No piece ends a sentence, so only
  // pauses start paragraphs here (the length rule has rows of its own above). No piece starts with
  // a digit, which would run on `&#169`, and no reference name runs on from `amp`, `lt` or
  // `eacute` into `dumpling` or `fold`, so pieces may be glued in any order.
  const PIECES: [string, string][] = [
    ['<b>', ''],
    ['</b>', ''],
    ['<c.colorE5E5E5>', ''],
    ['<00:00:01.500><c>', ''],
    ['<v Ana Lee>', ''],
    ['&lt;b&gt;', '<b>'],
    ['&lt;/i&gt;', '</i>'],
    ['&amp;', '&'],
    ['&copy;', '©'],
    ['&#x2014;', '—'],
    ['&nbsp;', ' '],
    ['&amp', '&'],
    ['&lt3', '<3'],
    ['caf&eacute', 'café'],
    ['&#169', '©'],
    ['\u0000', '\ufffd'],
    [' ', ' '],
    ['dumpling', 'dumpling'],
    ['fold', 'fold'],
  ];
  const cue = fc.record({
    // Pieces glued together put tags and references right against words.
    lines: fc.array(
      fc.record({
        pieces: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
        glued: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    // A cue with no text at all: it says nothing but still times the transcript.
    empty: fc.constantFrom(false, false, false, true),
    // A `<` with no `>`, on a line of its own or glued to the last line: the rest of the cue is a tag.
    openTag: fc.constantFrom('', '\n<lang en and the rest &amp; more', '<i and the rest'),
    // What comes between the previous cue (or the header) and this cue's timing line.
    before: fc.constantFrom(
      '',
      '\n',
      '\nid\n',
      '\nNOTE a note\nover two lines\n\n',
      '\nNOTE right before a cue, so its id\n',
      '\nSTYLE\n::cue { color: lime }\n\n',
    ),
    hours: fc.boolean(),
    lead: fc.constantFrom('', ' ', '\t', '\f', ' \t\f'),
    beforeArrow: fc.constantFrom(' ', '', '\t', '  ', '\f'),
    afterArrow: fc.constantFrom(' ', '', '\t', '  ', '\f'),
    settings: fc.constantFrom('', ' align:start position:0%', '\t', ' line:0'),
    loneArrowAfter: fc.boolean(),
    gapMs: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(1999, 2000)),
    lengthMs: fc.integer({ min: 1, max: 3000 }),
  });
  const file = fc.record({
    cues: fc.array(cue, { maxLength: 12 }),
    header: fc.constantFrom('', ' - made by hand', '\tcaptions', '\nKind: captions\nLanguage: en'),
    lineBreak: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
  });
  const stamp = (ms: number, hours: boolean) =>
    `${hours ? '00:' : ''}${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;

  it('reads every cue’s spoken text, words and times, and no markup, whatever the quirks around it', () => {
    fc.assert(
      fc.property(file, ({ cues, header, lineBreak, bom }) => {
        let raw = `WEBVTT${header}\n`;
        const expected: (Segment & { startMs: number; endMs: number })[] = [];
        let endMs = 0;
        let latestEndMs: number | null = null;
        for (const [n, c] of cues.entries()) {
          const startMs = endMs + c.gapMs;
          endMs = startMs + c.lengthMs;
          latestEndMs = Math.max(latestEndMs ?? 0, endMs);
          raw += `${c.before}${c.lead}${stamp(startMs, c.hours)}${c.beforeArrow}-->${c.afterArrow}${stamp(endMs, c.hours)}${c.settings}\n`;
          if (!c.empty) {
            // A word of its own starts each cue, so no cue repeats the one before and each is said.
            const joined = (pick: 0 | 1) =>
              c.lines.map(({ pieces, glued }) => pieces.map((piece) => piece[pick]).join(glued ? '' : ' '));
            raw += `${[`cue${n}`, ...joined(0)].join('\n')}${c.openTag}\n`;
            const spoken = [`cue${n}`, ...joined(1)]
              .map((line) => line.replace(/\s+/g, ' ').trim())
              .filter((line) => line !== '');
            expected.push({
              start: startMs / 1000,
              end: endMs / 1000,
              text: spoken.join(' '),
              startMs,
              endMs,
            });
          }
          if (c.loneArrowAfter) raw += '-->\nnot said\n';
        }
        // A pause of 2 seconds or more between two segments starts a paragraph.
        const text = expected
          .map(({ text: said, startMs }, n) => {
            const previous = expected[n - 1];
            if (previous === undefined) return said;
            return `${startMs - previous.endMs >= 2000 ? '\n\n' : ' '}${said}`;
          })
          .join('');
        expect(readTranscript(`${bom ? '\uFEFF' : ''}${raw.replace(/\n/g, lineBreak)}`)).toEqual({
          text,
          segments: expected.map(({ start, end, text: said }) => ({ start, end, text: said })),
          wordCount: text.split(/[ \n]+/).filter((word) => word !== '').length,
          durationSeconds: latestEndMs === null ? null : latestEndMs / 1000,
        });
      }),
      { numRuns: 200 },
    );
  });
});
