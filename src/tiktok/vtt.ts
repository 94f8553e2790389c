// Reads a transcript as DumplingAI sends it: TikTok's subtitles in WebVTT. Cues are found, timed
// and kept as the W3C WebVTT parser algorithm says (https://w3c.github.io/webvtt/#file-parsing), so
// the segments are the cues a browser would show, whatever quirks the file has. On top of that the
// app's own layer: markup removed, the repeated lines of rolling auto-captions said once,
// paragraphs. Text that is not WebVTT at all is taken as the plain transcript it must be.

import { decodeHTML } from 'entities/decode';

export interface Segment {
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  text: string;
}

export interface Transcript {
  /** The spoken text, in paragraphs, for an AI step or a document. */
  text: string;
  segments: Segment[];
  wordCount: number;
  /**
   * The latest end of any cue, an empty one too (cues are in start order, so the last cue need not
   * end last); null when the text carried no timings.
   */
  durationSeconds: number | null;
}

// A pause this long between cues starts a new paragraph; so does a long paragraph at a sentence end.
const PARAGRAPH_PAUSE_SECONDS = 2;
const PARAGRAPH_LENGTH = 600;
// Roll-up captions show at most four rows, so a cue repeats no more lines than that of those said
// before it. Looking no further also keeps a file of huge cues from taking quadratic time.
const ROLLING_ROWS = 4;

// "Collect a WebVTT timestamp": each run of digits is taken whole, so the lengths decide
// validity. Whitespace there is the spec's ASCII whitespace: a vertical tab is not part of it.
const TIMESTAMP = /(\d+):(\d+)(?::(\d+))?\.(\d+)/.source;
const TIMINGS = new RegExp(`^[\\t\\f ]*${TIMESTAMP}[\\t\\f ]*-->[\\t\\f ]*${TIMESTAMP}`);

const secondsOf = (
  first: string,
  second: string,
  third: string | undefined,
  fraction: string,
): number | null => {
  // The spec takes a first field that is not two digits of 59 or less as hours, which must then be
  // followed by minutes; without a third field such a first field fails as minutes below anyway.
  const [hours, minutes, seconds] = third === undefined ? ['0', first, second] : [first, second, third];
  if (minutes.length !== 2 || seconds.length !== 2 || fraction.length !== 3) return null;
  if (Number(minutes) > 59 || Number(seconds) > 59) return null;
  const total = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 + Number(fraction);
  // Hours of some 300 digits are beyond any number: such a cue cannot be placed in time.
  return Number.isFinite(total) ? total / 1000 : null;
};

interface Cue {
  start: number;
  end: number;
  lines: string[];
}

/** "Collect WebVTT cue timings and settings": the settings only place the cue on screen. */
const timedCue = (line: string): Cue | null => {
  const match = TIMINGS.exec(line);
  if (match === null) return null;
  const start = secondsOf(match[1] as string, match[2] as string, match[3], match[4] as string);
  const end = secondsOf(match[5] as string, match[6] as string, match[7], match[8] as string);
  return start === null || end === null ? null : { start, end, lines: [] };
};

/**
 * "The WebVTT parser algorithm" and "collect a WebVTT block", on a file already known to start
 * with the signature. Cue ids, NOTE, STYLE and REGION blocks never reach a cue's text, so they are
 * only skipped; a line holding only spaces is cue text, not a blank line. A second line with `-->`
 * in a block ends the block and starts the next one. The spec also ends a block at a first `-->`
 * on its third line or later, but such a block has seen no timing line and so holds no cue: taking
 * that line as the block's own timing line gives the same cues, so lines need not be counted.
 */
const cuesOf = (input: string): Cue[] => {
  const lines = input.split('\n');
  let at = 1;
  // The spec collects the header as a block "in header", where a line with `-->` is never a timing
  // line but ends the block, so a file that leaves out the blank line after its header still keeps
  // its first cue.
  while (at < lines.length && lines[at] !== '' && !(lines[at] as string).includes('-->')) at += 1;
  const cues: Cue[] = [];
  while (at < lines.length) {
    let cue: Cue | null = null;
    let seenArrow = false;
    while (at < lines.length) {
      const line = lines[at] as string;
      if (line.includes('-->')) {
        if (seenArrow) break;
        seenArrow = true;
        cue = timedCue(line);
      } else if (line === '') {
        at += 1;
        break;
      } else {
        cue?.lines.push(line);
      }
      at += 1;
    }
    if (cue !== null) cues.push(cue);
  }
  // The order a browser's text track keeps its cues in (HTML's "text track cue order"), which
  // `segments` promise: the rolling-caption repeats are found in that order. Array sort is stable,
  // so cues alike in both times keep their file order, as the HTML rule says.
  return cues.sort((a, b) => a.start - b.start || b.end - a.end);
};

/**
 * A cue's text as spoken: every tag (`<c.…>`, `<v Speaker>`, `<00:00:01.500>`…) runs to the next
 * `>` or to the end of the cue, and character references between tags decode as in HTML text.
 */
const spokenLines = (lines: string[]): string[] =>
  lines
    .join('\n')
    .split(/<[^>]*>?/)
    // Not `.map(decodeHTML)`: the index that map passes would be taken for the decoding mode.
    .map((run) => decodeHTML(run))
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');

/**
 * The lines of a cue that the captions before it have not said yet. Rolling auto-captions repeat
 * the previous cue's last lines before adding a new one; a cue that only repeats says nothing new.
 */
const newLines = (said: string[], lines: string[]): string[] => {
  for (let overlap = Math.min(said.length, lines.length, ROLLING_ROWS); overlap > 0; overlap -= 1) {
    const tail = said.slice(said.length - overlap);
    if (tail.every((line, index) => line === lines[index])) return lines.slice(overlap);
  }
  return lines;
};

const wordsIn = (text: string): number => (text.match(/\S+/g) ?? []).length;

const paragraphsOf = (segments: Segment[]): string => {
  const paragraphs: string[] = [];
  let current = '';
  let lastEnd = Number.NEGATIVE_INFINITY;
  let lastText = '';
  for (const segment of segments) {
    // Times are whole milliseconds, so the pause is too: in seconds, 5.1 - 3.1 falls just short of 2.
    const pause = Math.round((segment.start - lastEnd) * 1000) >= PARAGRAPH_PAUSE_SECONDS * 1000;
    // The paragraph ends as its last segment does: reading the paragraph itself for each segment
    // would make a long talk that never ends a sentence take quadratic time.
    const long = current.length >= PARAGRAPH_LENGTH && /[.!?…]["')\]]?$/.test(lastText);
    if (current !== '' && (pause || long)) {
      paragraphs.push(current);
      current = '';
    }
    current = current === '' ? segment.text : `${current} ${segment.text}`;
    lastEnd = segment.end;
    lastText = segment.text;
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs.join('\n\n');
};

/** Reads WebVTT (or plain text) into the spoken text and timed segments. Never throws. */
export const readTranscript = (raw: string): Transcript => {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^WEBVTT(?:[ \t\n]|$)/.test(text)) {
    const plain = text
      .split(/\n{2,}/)
      .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
      .filter((paragraph) => paragraph !== '')
      .join('\n\n');
    return { text: plain, segments: [], wordCount: wordsIn(plain), durationSeconds: null };
  }
  const cues = cuesOf(text.replace(/\0/g, '\uFFFD'));
  let said: string[] = [];
  const segments: Segment[] = [];
  for (const cue of cues) {
    const fresh = newLines(said, spokenLines(cue.lines));
    // Not `said.push(...fresh)`: a cue of a few hundred thousand lines would overflow the stack.
    said = said.concat(fresh).slice(-ROLLING_ROWS);
    if (fresh.length > 0) segments.push({ start: cue.start, end: cue.end, text: fresh.join(' ') });
  }
  const spoken = paragraphsOf(segments);
  return {
    text: spoken,
    segments,
    wordCount: wordsIn(spoken),
    durationSeconds: cues.length > 0 ? cues.reduce((latest, cue) => Math.max(latest, cue.end), 0) : null,
  };
};
