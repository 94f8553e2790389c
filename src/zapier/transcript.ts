import { text, type JsonObject } from '../tiktok/json';
import { addressOf, checkTikTokLink, type TikTokLink } from '../tiktok/link';
import { readTranscript, type Segment } from '../tiktok/vtt';

// A transcript of hours is a few hundred kilobytes; these bounds keep a later step's input small
// whatever DumplingAI sends.
export const MAX_TRANSCRIPT_LENGTH = 1_000_000;
const MAX_SEGMENTS = 5000;

// A type alias (not an interface) so it can be a step's sample, which Zapier types as a record.
export type TranscriptOutput = {
  transcript: string;
  transcriptVtt: string;
  segments: Segment[];
  language: string | null;
  wordCount: number;
  durationSeconds: number | null;
  videoId: string | null;
  url: string;
  id: string | null;
  originalUrl: string | null;
};

/**
 * The post the transcript belongs to: from the link, or from DumplingAI's own address for it when
 * that names the post the link could not (a short link's post, a bare id's author).
 */
type PostLink = Extract<TikTokLink, { kind: 'post' }>;

const postOf = (link: TikTokLink, originalUrl: string | null): PostLink | null => {
  const answered = originalUrl === null ? null : checkTikTokLink(originalUrl);
  const named = answered?.ok === true && answered.link.kind === 'post' ? answered.link : null;
  if (link.kind === 'short') return named;
  return link.user === null && named?.id === link.id && named.user !== null ? named : link;
};

/** The step's output from DumplingAI's answer and the link that was asked about. */
export const transcriptOutput = (
  answer: JsonObject,
  link: TikTokLink,
  requestedLanguage: string,
): TranscriptOutput => {
  const vtt = (typeof answer.transcript === 'string' ? answer.transcript : '').slice(
    0,
    MAX_TRANSCRIPT_LENGTH,
  );
  const read = readTranscript(vtt);
  const originalUrl = text(answer.originalUrl);
  const post = postOf(link, originalUrl);
  return {
    transcript: read.text,
    transcriptVtt: vtt,
    segments: read.segments.slice(0, MAX_SEGMENTS),
    language: text(answer.language) ?? requestedLanguage,
    wordCount: read.wordCount,
    durationSeconds: read.durationSeconds,
    videoId: post?.id ?? null,
    url: addressOf(post ?? link),
    id: text(answer.id),
    originalUrl,
  };
};
