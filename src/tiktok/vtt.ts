// Reads a transcript as DumplingAI sends it: TikTok's subtitles in WebVTT, with whatever quirks
// real files carry (a byte-order mark, CRLF, cue ids and settings, NOTE/STYLE/REGION blocks,
// markup, entities, the repeated lines of rolling auto-captions). Text that is not WebVTT at all is
// taken as the plain transcript it must be.

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
  /** The end of the last cue; null when the text carried no timings. */
  durationSeconds: number | null;
}

const TIMESTAMP = /(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})/;
const TIMING = new RegExp(`^\\s*${TIMESTAMP.source}\\s*-->\\s*${TIMESTAMP.source}`);

// A pause this long between cues starts a new paragraph; so does a long paragraph at a sentence end.
const PARAGRAPH_PAUSE_SECONDS = 2;
const PARAGRAPH_LENGTH = 600;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** One line of cue text without markup (`<c.…>`, `<v Speaker>`, `<i>`, inline timestamps). */
export const cleanLine = (line: string): string =>
  decodeEntities(line.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

const seconds = (match: RegExpExecArray, from: number): number => {
  const [hours, minutes, secs, fraction] = match.slice(from, from + 4);
  return (
    Number(hours ?? 0) * 3600 +
    Number(minutes) * 60 +
    Number(secs) +
    Number(String(fraction).padEnd(3, '0')) / 1000
  );
};

interface Cue {
  start: number;
  end: number;
  lines: string[];
}

const cuesOf = (body: string): Cue[] =>
  body
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n'))
    .flatMap((lines) => {
      const timingAt = lines.findIndex((line) => TIMING.test(line));
      // NOTE, STYLE and REGION blocks (and the header) have no timing line.
      if (timingAt === -1) return [];
      const timing = TIMING.exec(lines[timingAt] as string) as RegExpExecArray;
      const text = lines
        .slice(timingAt + 1)
        .map(cleanLine)
        .filter((line) => line !== '');
      return [{ start: seconds(timing, 1), end: seconds(timing, 5), lines: text }];
    });

/**
 * The lines of a cue that the captions before it have not said yet. Rolling auto-captions repeat
 * the previous cue's last lines before adding a new one; a cue that only repeats says nothing new.
 */
const newLines = (said: string[], lines: string[]): string[] => {
  for (let overlap = Math.min(said.length, lines.length); overlap > 0; overlap -= 1) {
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
  for (const segment of segments) {
    const pause = segment.start - lastEnd >= PARAGRAPH_PAUSE_SECONDS;
    const long = current.length >= PARAGRAPH_LENGTH && /[.!?…]["')\]]?$/.test(current);
    if (current !== '' && (pause || long)) {
      paragraphs.push(current);
      current = '';
    }
    current = current === '' ? segment.text : `${current} ${segment.text}`;
    lastEnd = segment.end;
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
  const cues = cuesOf(text);
  const said: string[] = [];
  const segments: Segment[] = [];
  for (const cue of cues) {
    const fresh = newLines(said, cue.lines);
    said.push(...fresh);
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
