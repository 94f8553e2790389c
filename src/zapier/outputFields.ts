import type { FlatTikTokVideo } from './flatten';

type FieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'file';

export interface OutputField {
  key: string;
  label: string;
  type: FieldType;
}

type VideoKey = Exclude<keyof FlatTikTokVideo, 'challenges' | 'textExtra' | 'images'>;

// Keyed by the flat output key, so the compiler proves every key has a label and a type.
const videoFields: Record<VideoKey, [label: string, type: FieldType]> = {
  id: ['Video ID', 'string'],
  url: ['Video URL', 'string'],
  desc: ['Description', 'string'],
  createTime: ['Created At (Unix Time)', 'number'],
  createTimeISO: ['Created At', 'datetime'],
  hashtags: ['Hashtags', 'string'],
  authorId: ['Author ID', 'string'],
  authorUniqueId: ['Author Username', 'string'],
  authorNickname: ['Author Display Name', 'string'],
  authorAvatarThumb: ['Author Avatar URL', 'string'],
  authorSignature: ['Author Bio', 'string'],
  authorVerified: ['Author Is Verified', 'boolean'],
  authorPrivateAccount: ['Author Has a Private Account', 'boolean'],
  authorProfileUrl: ['Author Profile URL', 'string'],
  authorFollowerCount: ['Author Followers', 'number'],
  authorFollowingCount: ['Author Following', 'number'],
  authorHeartCount: ['Author Total Likes', 'number'],
  authorVideoCount: ['Author Videos', 'number'],
  statsDiggCount: ['Likes (Digg Count)', 'number'],
  statsShareCount: ['Shares', 'number'],
  statsCommentCount: ['Comments', 'number'],
  statsPlayCount: ['Views (Play Count)', 'number'],
  statsCollectCount: ['Saves (Collect Count)', 'number'],
  statsRepostCount: ['Reposts', 'number'],
  // (likes + comments + shares + saves) / views × 100: the step's description and the README say so.
  engagementRate: ['Engagement Rate (Percent)', 'number'],
  musicId: ['Music ID', 'string'],
  musicTitle: ['Music Title', 'string'],
  musicPlayUrl: ['Music Audio URL', 'string'],
  musicAuthorName: ['Music Artist', 'string'],
  musicOriginal: ['Music Is Original Sound', 'boolean'],
  musicDuration: ['Music Duration (Seconds)', 'number'],
  videoId: ['Video Playback ID', 'string'],
  videoHeight: ['Video Height (Pixels)', 'number'],
  videoWidth: ['Video Width (Pixels)', 'number'],
  videoDuration: ['Video Duration (Seconds)', 'number'],
  videoRatio: ['Video Resolution', 'string'],
  videoCover: ['Cover Image URL', 'string'],
  videoDownloadAddr: ['Video Download URL', 'string'],
  videoPlayAddr: ['Video Play URL', 'string'],
  videoFormat: ['Video Format', 'string'],
  videoBitrate: ['Video Bitrate (Bits per Second)', 'number'],
  durationText: ['Video Length (M:SS)', 'string'],
  mentions: ['Mentioned Usernames', 'string'],
  duetEnabled: ['Duets Allowed', 'boolean'],
  stitchEnabled: ['Stitches Allowed', 'boolean'],
  shareEnabled: ['Sharing Allowed', 'boolean'],
  isPhotoPost: ['Is a Photo Post', 'boolean'],
  imageCount: ['Number of Images', 'number'],
  photoTitle: ['Photo Post Title', 'string'],
  locationCreated: ['Region (Country Code)', 'string'],
  textLanguage: ['Description Language', 'string'],
  isAd: ['Is an Ad', 'boolean'],
  isAiGenerated: ['Marked as AI-Generated', 'boolean'],
};

// Zapier turns these into real files when a later step (Google Drive, Dropbox, Slack) maps them.
const fileFields: OutputField[] = [
  { key: 'videoFile', label: 'Video File (MP4)', type: 'file' },
  { key: 'coverFile', label: 'Cover Image File (JPG)', type: 'file' },
  { key: 'musicFile', label: 'Music File (MP3)', type: 'file' },
];

// Fetched only when a later step maps it (a pointer Zapier resolves): the label says what it costs.
const lazyFields: OutputField[] = [
  { key: 'transcript', label: 'Transcript (1 Lookup, Only When Mapped)', type: 'string' },
];

// Zapier shows array entries as line items, named `list[]key`.
const lineItemFields: OutputField[] = [
  { key: 'challenges[]id', label: 'Hashtag Challenge ID', type: 'string' },
  { key: 'challenges[]title', label: 'Hashtag Challenge Name', type: 'string' },
  { key: 'challenges[]desc', label: 'Hashtag Challenge Description', type: 'string' },
  { key: 'challenges[]coverThumb', label: 'Hashtag Challenge Cover URL', type: 'string' },
  { key: 'textExtra[]hashtagName', label: 'Description Hashtag Name', type: 'string' },
  { key: 'textExtra[]hashtagId', label: 'Description Hashtag ID', type: 'string' },
  { key: 'textExtra[]userUniqueId', label: 'Description Mention Username', type: 'string' },
  { key: 'textExtra[]start', label: 'Description Tag Start Position', type: 'number' },
  { key: 'textExtra[]end', label: 'Description Tag End Position', type: 'number' },
  { key: 'images[]url', label: 'Image URL', type: 'string' },
  { key: 'images[]width', label: 'Image Width (Pixels)', type: 'number' },
  { key: 'images[]height', label: 'Image Height (Pixels)', type: 'number' },
  { key: 'images[]file', label: 'Image File (JPG)', type: 'file' },
];

export const outputFields: OutputField[] = [
  ...Object.entries(videoFields).map(([key, [label, type]]) => ({ key, label, type })),
  ...fileFields,
  ...lazyFields,
  ...lineItemFields,
];

/** A post of a creator's list (the trigger's items, a line of Get TikTok Creator Videos). */
export const creatorVideoOutputFields: OutputField[] = [
  ...outputFields,
  { key: 'isPinned', label: 'Is Pinned to the Profile', type: 'boolean' },
];

/**
 * Fields as line items of `list` (Zapier names them `list[]key`). Fields that are line items
 * themselves are left out: Zapier shows one level of them.
 */
export const asLineItems = (list: string, fields: OutputField[]): OutputField[] =>
  fields
    .filter((field) => !field.key.includes('[]'))
    .map((field) => ({ ...field, key: `${list}[]${field.key}` }));
