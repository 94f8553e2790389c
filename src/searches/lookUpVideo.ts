import type { ZObject } from 'zapier-platform-core';

import { fetchVideo, type AskOptions } from '../dumplingai/client';
import { filePointers } from '../hydrators/downloadMedia';
import { flattenVideo, type FlatTikTokVideo } from '../zapier/flatten';
import type { FilePointers } from '../zapier/media';

/** What a step returns for one video: the flat fields and file pointers. */
export type TikTokVideoOutput = FlatTikTokVideo & FilePointers;

/**
 * One video's output, by an address that `checkTikTokLink` produced; null when DumplingAI found
 * no video. Every other failure is thrown with a plain message.
 */
export const lookUpVideo = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  options?: AskOptions,
): Promise<TikTokVideoOutput | null> => {
  const post = await fetchVideo(z, apiKey, url, options);
  if (post === null) return null;
  const video = flattenVideo(post);
  return { ...video, ...filePointers(z, video) };
};
