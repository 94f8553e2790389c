import type { Bundle, RawHttpResponse, ZObject } from 'zapier-platform-core';

import { withPlainErrors } from '../dumplingai/errors';
import { exchange } from '../dumplingai/exchange';
import { MAX_FILE_BYTES } from '../dumplingai/limits';
import { networkMessages } from '../dumplingai/messages';
import { DEFAULT_SETUP, type StepSetup } from '../lookups/setup';
import type { FlatTikTokVideo } from '../zapier/flatten';
import {
  DOWNLOAD_HEADERS,
  expiresAt,
  imageFile,
  mediaFiles,
  type FilePointers,
  servedType,
  type MediaFile,
} from '../zapier/media';

export const fileMessages = {
  badPointer:
    'This file reference is incomplete. Run the Get TikTok Video step again, then map its file field afresh.',
  unavailable: (status: number): string =>
    `This TikTok file address no longer works (HTTP ${status}); TikTok's addresses expire after a while. Run the Get TikTok Video step again to get a fresh one, then replay this task.`,
  expired:
    "This TikTok file address has expired (TikTok's addresses last a few hours), so it was not downloaded. Run the Get TikTok Video step again to get a fresh one, then replay this task.",
  storageFailed:
    "The file was downloaded from TikTok, but Zapier's file storage could not keep it. Replay this task in a few minutes; nothing needs to change.",
} as const;

/**
 * Downloads one media address and hands it to Zapier as a file. Zapier calls it only when a
 * later step uses the file, so a lookup alone downloads nothing. The address is TikTok's CDN,
 * which never gets the DumplingAI key (see the middleware).
 */
export const fetchMedia =
  ({ limits, clock }: Pick<StepSetup, 'limits' | 'clock'>) =>
  async (z: ZObject, bundle: Bundle): Promise<string> => {
    const { url, filename, contentType } = bundle.inputData;
    if (typeof url !== 'string' || typeof filename !== 'string' || typeof contentType !== 'string') {
      throw new z.errors.Error(fileMessages.badPointer, 'media_pointer_invalid', 400);
    }
    const expiry = expiresAt(url);
    if (expiry !== null && expiry * 1000 <= clock.now()) {
      throw new z.errors.Error(fileMessages.expired, 'media_expired', 410);
    }
    const file = await exchange<{ body: Buffer; type: string }, RawHttpResponse>(
      z,
      {
        url,
        raw: true,
        skipThrowForStatus: true,
        headers: { ...DOWNLOAD_HEADERS },
        size: MAX_FILE_BYTES,
        middlewareData: { media: true },
      },
      { who: 'TikTok', context: 'file', deadlineMs: limits.fileDeadlineMs },
      async (response) => {
        if (response.status < 200 || response.status >= 300) {
          throw new z.errors.Error(
            fileMessages.unavailable(response.status),
            'media_unavailable',
            response.status,
          );
        }
        // Refused before reading when the server announces the size; the `size` limit stops the rest.
        if (Number(response.getHeader('content-length')) > MAX_FILE_BYTES) {
          throw new z.errors.Error(networkMessages.tooLarge('file'), 'too_large', 413);
        }
        const body = await response.buffer();
        return { body, type: servedType(response.getHeader('content-type'), contentType) };
      },
    );
    // Stored outside the download's exchange: a failure of Zapier's storage is not TikTok's.
    try {
      // The core's types say a string; it returns a promise of one.
      const stored = z.stashFile(file.body, file.body.length, filename, file.type) as
        string | Promise<string>;
      return await stored;
    } catch (error) {
      z.console.error(`Zapier's file storage failed: ${String(error)}`);
      throw new z.errors.Error(fileMessages.storageFailed, 'storage_failed', 503);
    }
  };

export const downloadMedia = withPlainErrors(fetchMedia(DEFAULT_SETUP), 'file');

/** A search may not stash files, so it returns pointers that Zapier resolves with downloadMedia. */
export const filePointer = (z: ZObject, file: MediaFile | null): string | null =>
  file === null ? null : z.dehydrateFile(downloadMedia, file);

/** A video's file fields, and each image's file. */
export const filePointers = (z: ZObject, video: FlatTikTokVideo): FilePointers => {
  const files = mediaFiles(video);
  const pointer = (file: MediaFile | null): string | null => filePointer(z, file);
  return {
    videoFile: pointer(files.videoFile),
    coverFile: pointer(files.coverFile),
    musicFile: pointer(files.musicFile),
    images: video.images.map((image, index) => ({
      ...image,
      file: pointer(imageFile(video.id, image, index)),
    })),
  };
};
