import type { Bundle, RawHttpResponse, ZObject } from 'zapier-platform-core';

import type { FlatTikTokVideo } from './flatten';
import { exchange, LIMITS } from './http';
import { fileMessages, networkMessages } from './messages';
import type { PostImage } from './post';

// A type alias (not an interface) so it can be a bundle's inputData.
export type MediaFile = { url: string; filename: string; contentType: string };

export type FileField = 'videoFile' | 'coverFile' | 'musicFile';
export type ImageWithFile = PostImage & { file: string | null };
export type FilePointers = Record<FileField, string | null> & { images: ImageWithFile[] };

// Zapier caps a file pointer at 12,000 bytes; a real media address is a few hundred characters.
const MAX_ADDRESS_LENGTH = 4000;

const webAddress = (value: string | null): string | null =>
  value !== null && /^https?:\/\//i.test(value) && value.length <= MAX_ADDRESS_LENGTH ? value : null;

// Zapier's hard limit for a file is 150 MB, and files from about 100 MB get runs killed.
export const MAX_FILE_BYTES = 100_000_000;

// TikTok's CDN refuses many downloads that do not come from a TikTok page, as a browser's would.
export const DOWNLOAD_HEADERS = {
  Referer: 'https://www.tiktok.com/',
  'User-Agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  Accept: '*/*',
} as const;

/** When a signed TikTok address stops working: its `x-expires` (or `expire`) second, if any. */
export const expiresAt = (url: string): number | null => {
  try {
    const params = new URL(url).searchParams;
    const value = params.get('x-expires') ?? params.get('expire');
    return value !== null && /^\d{9,11}$/.test(value) ? Number(value) : null;
  } catch {
    return null;
  }
};

const MEDIA_TYPE = /^(video|image|audio)\/[\w.+-]+$/i;

// An id becomes part of a file name, so only plain characters are kept.
const nameFrom = (id: string | null, fallback: string): string =>
  id !== null && /^[\w.-]+$/.test(id) ? id : fallback;

const media = (
  url: string | null,
  name: string,
  extension: string,
  contentType: string,
): MediaFile | null => {
  const address = webAddress(url);
  return address === null ? null : { url: address, filename: `${name}.${extension}`, contentType };
};

/** The media a video's fields point at, with the names the files get. */
export const mediaFiles = (video: FlatTikTokVideo): Record<FileField, MediaFile | null> => ({
  videoFile: media(
    webAddress(video.videoDownloadAddr) ?? video.videoPlayAddr,
    nameFrom(video.id, 'tiktok-video'),
    'mp4',
    'video/mp4',
  ),
  coverFile: media(video.videoCover, nameFrom(video.id, 'tiktok-cover'), 'jpg', 'image/jpeg'),
  musicFile: media(video.musicPlayUrl, nameFrom(video.musicId, 'tiktok-music'), 'mp3', 'audio/mpeg'),
});

/** One of a photo post's images, named `<id>-1.jpg`, `<id>-2.jpg`… in the post's order. */
export const imageFile = (postId: string | null, image: PostImage, index: number): MediaFile | null =>
  media(image.url, `${nameFrom(postId, 'tiktok-photo')}-${index + 1}`, 'jpg', 'image/jpeg');

/**
 * Downloads one media address and hands it to Zapier as a file. Zapier calls it only when a
 * later step uses the file, so a lookup alone downloads nothing. The address is TikTok's CDN,
 * which never gets the DumplingAI key (see the middleware).
 */
export const downloadMedia = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const { url, filename, contentType } = bundle.inputData;
  if (typeof url !== 'string' || typeof filename !== 'string' || typeof contentType !== 'string') {
    throw new z.errors.Error(fileMessages.badPointer, 'media_pointer_invalid', 400);
  }
  const expiry = expiresAt(url);
  if (expiry !== null && expiry * 1000 <= Date.now()) {
    throw new z.errors.Error(fileMessages.expired, 'media_expired', 410);
  }
  return exchange<string, RawHttpResponse>(
    z,
    {
      url,
      raw: true,
      skipThrowForStatus: true,
      headers: { ...DOWNLOAD_HEADERS },
      size: MAX_FILE_BYTES,
      middlewareData: { media: true },
    },
    { who: 'TikTok', context: 'file', deadlineMs: LIMITS.fileDeadlineMs },
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
      const served = (response.getHeader('content-type') ?? '').replace(/;.*$/s, '').trim();
      return z.stashFile(body, body.length, filename, MEDIA_TYPE.test(served) ? served : contentType);
    },
  );
};

/** A search may not stash files, so it returns pointers that Zapier resolves with downloadMedia. */
export const filePointers = (z: ZObject, video: FlatTikTokVideo): FilePointers => {
  const files = mediaFiles(video);
  const pointer = (file: MediaFile | null): string | null =>
    file === null ? null : z.dehydrateFile(downloadMedia, file);
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
