import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Builds YouTube auto-captions the way yt-dlp writes them, for the rolling-caption fixture and the
// benchmark. Each spoken line gets a cue showing the line before it above the new words (each word
// after the first with its own `<timestamp><c>` markup), then a 10 ms cue repeating the finished
// line over a line holding one space. Now and then yt-dlp leaves out the blank line before a cue.
// Kept apart from the reader: the times of each line come from this model, not from reading the file.

export interface SpokenLine {
  start: number;
  end: number;
  text: string;
}

const WORDS_PER_LINE = 5;
// After a sentence that ends a paragraph the speaker pauses this long, in milliseconds.
const PAUSE_MS = 2600;
const SETTINGS = ' align:start position:0%';

const stamp = (ms: number): string => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
};

const linesOf = (sentence: string): string[][] => {
  const words = sentence.split(' ');
  const lines: string[][] = [];
  for (let at = 0; at < words.length; at += WORDS_PER_LINE) lines.push(words.slice(at, at + WORDS_PER_LINE));
  return lines;
};

/** The WebVTT file and, for each spoken line, the times of the cue that first carries it. */
export const youtubeCaptions = (paragraphs: string[][]): { vtt: string; spoken: SpokenLine[] } => {
  const blocks: string[] = ['WEBVTT\nKind: captions\nLanguage: en\n'];
  const spoken: SpokenLine[] = [];
  let clock = 30;
  let previous = ' ';
  let wordIndex = 0;
  let glued = false;
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph) {
      for (const words of linesOf(sentence)) {
        const start = clock;
        let text = '';
        for (const [n, word] of words.entries()) {
          text += n === 0 ? word : `<${stamp(clock)}><c> ${word}</c>`;
          clock += 240 + ((wordIndex * 37) % 29) * 10;
          wordIndex += 1;
        }
        const line = words.join(' ');
        blocks.push(
          `${glued ? '' : '\n'}${stamp(start)} --> ${stamp(clock)}${SETTINGS}\n${previous}\n${text}\n`,
        );
        spoken.push({ start: start / 1000, end: clock / 1000, text: line });
        previous = line;
        // Every seventh line has no repeat cue and the next cue follows without a blank line.
        glued = spoken.length % 7 === 0;
        if (!glued) blocks.push(`\n${stamp(clock)} --> ${stamp(clock + 10)}${SETTINGS}\n${line}\n \n`);
        clock += 10;
      }
    }
    clock += PAUSE_MS;
  }
  return { vtt: blocks.join(''), spoken };
};

const FIXTURE_PARAGRAPHS: string[][] = [
  [
    'hey everyone welcome back to the kitchen',
    'today we are making pork and chive dumplings from scratch',
    'it takes about an hour and the dough needs only two things',
  ],
  [
    'start with two cups of flour in a big bowl',
    'pour in three quarters of a cup of warm water a little at a time',
    'stir it with chopsticks until it looks shaggy',
    'then knead it by hand for about ten minutes until it is smooth',
  ],
  [
    'cover the dough and let it rest while we make the filling',
    'chop the chives very fine and squeeze out the extra water',
    'mix the pork with soy sauce sesame oil ginger and a pinch of white pepper',
    'stir in one direction until the filling turns sticky',
  ],
  [
    'now roll the dough into a long rope and cut it into small pieces',
    'flatten each piece and roll it into a thin round wrapper',
    'keep the middle a little thicker than the edges',
  ],
  [
    'put a spoonful of filling in the center of the wrapper',
    'fold it in half and pinch the top closed',
    'make four or five pleats along one side and press them tight',
    'if the edge will not stick dab on a drop of water',
  ],
  [
    'bring a big pot of water to a rolling boil',
    'drop in the dumplings and stir so they do not stick to the bottom',
    'when they float add half a cup of cold water and wait for the next boil',
    'do that twice more and they are done',
  ],
  [
    'while they cook let us talk about pan frying instead',
    'heat a flat pan with a thin layer of oil over medium heat',
    'set the dumplings in a circle with the pleats facing up',
    'fry them until the bottoms turn golden brown',
  ],
  [
    'pour in enough water to come a third of the way up',
    'put the lid on right away because it will spit',
    'steam them for eight minutes until the water is gone',
    'take the lid off and let the bottoms crisp again for a minute',
  ],
  [
    'if you made too many you can freeze them raw',
    'lay them on a floured tray so they do not touch',
    'once they are hard move them into a bag',
    'they keep for about three months in the freezer',
    'cook them straight from frozen and add two minutes',
  ],
  [
    'a lot of you asked what to do with leftover filling',
    'roll it into little meatballs and drop them into soup',
    'or fry it with rice and an egg for lunch the next day',
  ],
  [
    'for the dipping sauce mix black vinegar soy sauce and chili oil',
    'add a few drops of sesame oil and some sliced garlic',
    'let me know in the comments how your pleats turned out',
    'thanks for watching and I will see you in the next one',
  ],
];

/** A long talk for the benchmark: the fixture's paragraphs over and over, `lineCount` lines in all. */
export const longYoutubeCaptions = (lineCount: number): { vtt: string; spoken: SpokenLine[] } => {
  const paragraphs: string[][] = [];
  let lines = 0;
  for (let round = 0; lines < lineCount; round += 1) {
    const paragraph = FIXTURE_PARAGRAPHS[round % FIXTURE_PARAGRAPHS.length] ?? [];
    const kept: string[] = [];
    for (const sentence of paragraph) {
      const room = lineCount - lines;
      if (room === 0) break;
      const cut = linesOf(sentence).slice(0, room);
      kept.push(cut.flat().join(' '));
      lines += cut.length;
    }
    if (kept.length === 0) break;
    paragraphs.push(kept);
  }
  return youtubeCaptions(paragraphs);
};

// `npm run build && node dist/bench/youtubeCaptions.js` rewrites the test fixture and its expected lines.
if (require.main === module) {
  const { vtt, spoken } = youtubeCaptions(FIXTURE_PARAGRAPHS);
  const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'transcripts');
  writeFileSync(join(dir, 'youtube-rolling.vtt'), vtt);
  const text = FIXTURE_PARAGRAPHS.map((paragraph) => paragraph.join(' ')).join('\n\n');
  const expected = { text, segments: spoken };
  writeFileSync(join(dir, 'youtube-rolling.expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
}
