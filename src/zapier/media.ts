import type { PostImage } from '../tiktok/post';
import type { FlatTikTokVideo } from './flatten';

// Which of a post's addresses become files in a Zap, and the names and types those files get.

// A type alias (not an interface) so it can be a bundle's inputData.
export type MediaFile = { url: string; filename: string; contentType: string };

export type FileField = 'videoFile' | 'coverFile' | 'musicFile';
export type ImageWithFile = PostImage & { file: string | null };
export type FilePointers = Record<FileField, string | null> & { images: ImageWithFile[] };

/**
 * What a step returns for one video: the flat fields, file pointers, and the pointer to its
 * transcript (null for a video with no address or id), which Zapier resolves when it is mapped.
 */
export type TikTokVideoOutput = FlatTikTokVideo & FilePointers & { transcript: string | null };

// Zapier caps a file pointer at 12,000 bytes; a real media address is a few hundred characters.
const MAX_ADDRESS_LENGTH = 4000;

const webAddress = (value: string | null): string | null =>
  value !== null && /^https?:\/\//i.test(value) && value.length <= MAX_ADDRESS_LENGTH ? value : null;

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

/** The media type a server gave a file, when it is one; else the type its field promises. */
export const servedType = (header: string | null | undefined, promised: string): string => {
  const served = (header ?? '').replace(/;.*$/s, '').trim();
  return MEDIA_TYPE.test(served) ? served : promised;
};

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

/** A creator's avatar, named after their username. */
export const avatarFile = (uniqueId: string | null, url: string | null): MediaFile | null =>
  media(url, `${nameFrom(uniqueId, 'tiktok-creator')}-avatar`, 'jpg', 'image/jpeg');

/** One of a photo post's images, named `<id>-1.jpg`, `<id>-2.jpg`… in the post's order. */
export const imageFile = (postId: string | null, image: PostImage, index: number): MediaFile | null =>
  media(image.url, `${nameFrom(postId, 'tiktok-photo')}-${index + 1}`, 'jpg', 'image/jpeg');
