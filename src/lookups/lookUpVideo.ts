import type { ZObject } from 'zapier-platform-core';

import { fetchVideoAnswer, type AskOptions } from '../dumplingai/client';
import { filePointers } from '../hydrators/downloadMedia';
import { flattenVideo } from '../zapier/flatten';
import type { TikTokVideoOutput } from '../zapier/media';

/**
 * One video's output (null when DumplingAI found no video), by an address that `checkTikTokLink`
 * produced, with the room DumplingAI's X-RateLimit-Remaining left. Every other failure is thrown
 * with a plain message.
 */
export const lookUpVideoAnswer = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  options?: AskOptions,
): Promise<{ video: TikTokVideoOutput | null; rateLimitRemaining: number | null }> => {
  const { post, rateLimitRemaining } = await fetchVideoAnswer(z, apiKey, url, options);
  if (post === null) return { video: null, rateLimitRemaining };
  const video = flattenVideo(post);
  return { video: { ...video, ...filePointers(z, video) }, rateLimitRemaining };
};

/** One video's output, or null when DumplingAI found no video. */
export const lookUpVideo = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  options?: AskOptions,
): Promise<TikTokVideoOutput | null> => (await lookUpVideoAnswer(z, apiKey, url, options)).video;
