import type { Bundle, ZObject } from 'zapier-platform-core';

import { fetchTranscript } from '../dumplingai/client';
import { withPlainErrors } from '../dumplingai/errors';
import { LIMITS, type Limits } from '../dumplingai/limits';
import { checkTikTokLink } from '../tiktok/link';
import { MAX_TRANSCRIPT_LENGTH, transcriptOutput } from '../zapier/transcript';

// A video's transcript as a field that Zapier resolves only when a later step maps it: a step or
// a poll returns a pointer (`z.dehydrate`), and Zapier calls this hydrator once per record, with the
// connection's authData, so a Zap that never maps the field never spends a transcript lookup.

export const transcriptMessages = {
  badPointer:
    'This transcript reference is incomplete. Run the step that found the video again, then map its Transcript field afresh.',
  cut: (length: number): string =>
    `\n\n[The transcript was cut here: DumplingAI sent more than ${length.toLocaleString('en-US')} characters, and only that much is read, to stay within what Zapier passes between steps.]`,
} as const;

/** Zapier may reuse a resolved transcript this long (seconds): a video's captions do not change. */
export const TRANSCRIPT_CACHE_SECONDS = 7 * 24 * 3600;

/**
 * The plain text of one video's transcript in one language, read exactly as Get TikTok
 * Transcript's `transcript` field is. No captions (404) is empty text, not an error, so a Zap on
 * every new video keeps running for videos without speech.
 */
export const fetchTranscriptText =
  ({ limits }: { limits: Limits }) =>
  async (z: ZObject, bundle: Bundle): Promise<string> => {
    const { url, language } = bundle.inputData;
    const checked = typeof url === 'string' ? checkTikTokLink(url) : null;
    if (checked?.ok !== true || typeof language !== 'string') {
      throw new z.errors.Error(transcriptMessages.badPointer, 'transcript_pointer_invalid', 400);
    }
    const answer = await fetchTranscript(z, bundle.authData.apiKey, checked.url, language, { limits });
    if (answer === null) return '';
    const { transcript } = transcriptOutput(answer, checked.link, language);
    // The client passes on only an answer whose transcript is text.
    const sent = (answer.transcript as string).length;
    return sent > MAX_TRANSCRIPT_LENGTH
      ? `${transcript}${transcriptMessages.cut(MAX_TRANSCRIPT_LENGTH)}`
      : transcript;
  };

export const transcript = withPlainErrors(fetchTranscriptText({ limits: LIMITS }));

/**
 * The pointer a step returns for a video's transcript: it names the video by its own address (or
 * its id) and the language, and never holds the key. Null for a video with neither.
 */
export const transcriptPointer = (
  z: ZObject,
  video: { url: string | null; id: string | null },
  language: string,
): string | null => {
  const url = video.url ?? (video.id === null ? null : `https://www.tiktok.com/@/video/${video.id}`);
  return url === null ? null : z.dehydrate(transcript, { url, language }, TRANSCRIPT_CACHE_SECONDS);
};
