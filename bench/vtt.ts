import { longYoutubeCaptions } from './youtubeCaptions';
import { readTranscript } from '../src/tiktok/vtt';

// How long the WebVTT reader takes on a long talk: 55 minutes of YouTube auto-captions as yt-dlp
// writes them (3,269 cues, word-timed markup, 10 ms repeat cues). Figures only, no threshold; the
// baseline is the least any reader does, splitting the same file into lines, measured alongside.

const ROUNDS = 50;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const time = (work: () => unknown): number[] => {
  for (let round = 0; round < 5; round += 1) work();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
};

const { vtt } = longYoutubeCaptions(1760);
const cues = vtt.match(/-->/g)?.length ?? 0;
const read = readTranscript(vtt);
const reading = time(() => readTranscript(vtt));
const splitting = time(() => vtt.split('\n'));
const [readMs, splitMs] = [median(reading), median(splitting)];
console.log(
  `file              : ${cues} cues, ${(vtt.length / 1000).toFixed(0)} kB, ${((read.durationSeconds ?? 0) / 60).toFixed(1)} minutes`,
);
console.log(`read into         : ${read.segments.length} segments, ${read.wordCount} words`);
console.log(
  `readTranscript    : ${readMs.toFixed(2)} ms median, ${Math.max(...reading).toFixed(2)} ms slowest of ${ROUNDS}`,
);
console.log(`per 1,000 cues    : ${((readMs / cues) * 1000).toFixed(2)} ms`);
console.log(
  `against split     : ${(readMs / splitMs).toFixed(1)}× splitting the file into lines (${splitMs.toFixed(2)} ms)`,
);
