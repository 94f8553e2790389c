import type { Bundle, ZObject } from 'zapier-platform-core';

import type { FlatTikTokVideo } from './flatten';
import { fileMessages } from './messages';
import type { PostImage } from './post';

// A type alias (not an interface) so it can be a bundle's inputData.
export type MediaFile = { url: string; filename: string; contentType: string };

export type FileField = 'videoFile' | 'coverFile' | 'musicFile';
export type ImageWithFile = PostImage & { file: string | null };
export type FilePointers = Record<FileField, string | null> & { images: ImageWithFile[] };

const webAddress = (value: string | null): string | null =>
  value !== null && /^https?:\/\//i.test(value) ? value : null;

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
  const response = await z.request({ url, raw: true, skipThrowForStatus: true });
  if (response.status < 200 || response.status >= 300) {
    throw new z.errors.Error(fileMessages.unavailable(response.status), 'media_unavailable', response.status);
  }
  return z.stashFile(response.body, undefined, filename, contentType);
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
