import { profileUrl } from '../tiktok/figures';
import type { TikTokProfile } from '../tiktok/profile';
import type { OutputField } from './outputFields';

// A type alias (not an interface) so it can be a step's sample, which Zapier types as a record.
export type FlatTikTokProfile = TikTokProfile & { profileUrl: string | null };

/** The profile as flat keys; every key always present, null when TikTok sent nothing. */
export const flattenProfile = (profile: TikTokProfile): FlatTikTokProfile => ({
  ...profile,
  profileUrl: profileUrl(profile.uniqueId),
});

// Keyed by the flat output key, so the compiler proves every key has a label and a type.
const profileFields: Record<keyof FlatTikTokProfile, [label: string, type: OutputField['type']]> = {
  id: ['Creator ID', 'string'],
  uniqueId: ['Username', 'string'],
  nickname: ['Display Name', 'string'],
  signature: ['Bio', 'string'],
  bioLink: ['Bio Link', 'string'],
  verified: ['Is Verified', 'boolean'],
  privateAccount: ['Has a Private Account', 'boolean'],
  secUid: ['Secure User ID (secUid)', 'string'],
  createTime: ['Account Created At (Unix Time)', 'number'],
  createTimeISO: ['Account Created At', 'datetime'],
  followerCount: ['Followers', 'number'],
  followingCount: ['Following', 'number'],
  heartCount: ['Total Likes Received', 'number'],
  videoCount: ['Videos', 'number'],
  diggCount: ['Likes Given', 'number'],
  friendCount: ['Friends', 'number'],
  profileUrl: ['Profile URL', 'string'],
  avatarUrl: ['Avatar Image URL', 'string'],
};

export const profileOutputFields: OutputField[] = [
  ...Object.entries(profileFields).map(([key, [label, type]]) => ({ key, label, type })),
  // TikTok's avatar addresses expire within hours; the file keeps the picture.
  { key: 'avatarFile', label: 'Avatar Image File (JPG)', type: 'file' },
];
