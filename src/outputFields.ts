import type { FlatTikTokVideo } from './flatten';

type FieldType = 'string' | 'number' | 'boolean' | 'datetime';

export interface OutputField {
  key: string;
  label: string;
  type: FieldType;
}

type VideoKey = Exclude<keyof FlatTikTokVideo & string, 'challenges' | 'textExtra'>;

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
  statsDiggCount: ['Likes (Digg Count)', 'number'],
  statsShareCount: ['Shares (Share Count)', 'number'],
  statsCommentCount: ['Comments (Comment Count)', 'number'],
  statsPlayCount: ['Views (Play Count)', 'number'],
  statsCollectCount: ['Saves (Collect Count)', 'number'],
  musicId: ['Music ID', 'string'],
  musicTitle: ['Music Title', 'string'],
  musicPlayUrl: ['Music Audio URL', 'string'],
  musicAuthorName: ['Music Artist', 'string'],
  musicOriginal: ['Music Is Original Sound', 'boolean'],
  musicDuration: ['Music Duration (Seconds)', 'number'],
  videoId: ['Video Media ID', 'string'],
  videoHeight: ['Video Height (Pixels)', 'number'],
  videoWidth: ['Video Width (Pixels)', 'number'],
  videoDuration: ['Video Duration (Seconds)', 'number'],
  videoRatio: ['Video Resolution', 'string'],
  videoCover: ['Cover Image URL', 'string'],
  videoDownloadAddr: ['Video Download URL', 'string'],
  videoPlayAddr: ['Video Play URL', 'string'],
  videoFormat: ['Video Format', 'string'],
  videoBitrate: ['Video Bitrate (Bits per Second)', 'number'],
  duetEnabled: ['Duets Allowed', 'boolean'],
  stitchEnabled: ['Stitches Allowed', 'boolean'],
  shareEnabled: ['Sharing Allowed', 'boolean'],
};

// Zapier shows array entries as line items, named `list[]key`.
const lineItemFields: OutputField[] = [
  { key: 'challenges[]id', label: 'Challenge ID', type: 'string' },
  { key: 'challenges[]title', label: 'Challenge Hashtag', type: 'string' },
  { key: 'challenges[]desc', label: 'Challenge Description', type: 'string' },
  { key: 'challenges[]coverThumb', label: 'Challenge Cover URL', type: 'string' },
  { key: 'textExtra[]hashtagName', label: 'Description Hashtag Name', type: 'string' },
  { key: 'textExtra[]hashtagId', label: 'Description Hashtag ID', type: 'string' },
  { key: 'textExtra[]start', label: 'Description Hashtag Start Position', type: 'number' },
  { key: 'textExtra[]end', label: 'Description Hashtag End Position', type: 'number' },
];

export const outputFields: OutputField[] = [
  ...Object.entries(videoFields).map(([key, [label, type]]) => ({ key, label, type })),
  ...lineItemFields,
];
