import type { ZObject } from 'zapier-platform-core';

import { fetchVideoAnswer, type AskOptions } from '../dumplingai/client';
import { filePointers } from '../hydrators/downloadMedia';
import { transcriptPointer } from '../hydrators/transcript';
import type { JsonObject } from '../tiktok/json';
import { flattenVideo } from '../zapier/flatten';
import type { TikTokVideoOutput } from '../zapier/media';

/**
 * A post's raw JSON as a step gives it: the flat fields, the file pointers, and the pointer to its
 * transcript in `language`. None of the pointers asks for anything until a later step maps it.
 */
export const videoOutput = (z: ZObject, post: JsonObject, language: string): TikTokVideoOutput => {
  const video = flattenVideo(post);
  return { ...video, ...filePointers(z, video), transcript: transcriptPointer(z, video, language) };
};

/**
 * One video's output (null when DumplingAI found no video), by an address that `checkTikTokLink`
 * produced, with the room DumplingAI's X-RateLimit-Remaining left. Every other failure is thrown
 * with a plain message.
 */
export const lookUpVideoAnswer = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  language: string,
  options?: AskOptions,
): Promise<{ video: TikTokVideoOutput | null; rateLimitRemaining: number | null }> => {
  const { post, rateLimitRemaining } = await fetchVideoAnswer(z, apiKey, url, options);
  return { video: post === null ? null : videoOutput(z, post, language), rateLimitRemaining };
};

/** One video's output, or null when DumplingAI found no video. */
export const lookUpVideo = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  language: string,
  options?: AskOptions,
): Promise<TikTokVideoOutput | null> => (await lookUpVideoAnswer(z, apiKey, url, language, options)).video;
