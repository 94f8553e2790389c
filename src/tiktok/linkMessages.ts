// What a user reads about a link they pasted: the forms that work, and why one was refused.

// The forms the help text names; the link check accepts more (see src/link.ts and the README).
const ACCEPTED_URL_FORMS = [
  'https://www.tiktok.com/@user/video/<id>',
  'https://www.tiktok.com/@user/photo/<id>',
  'https://vm.tiktok.com/<code>/',
  'https://vt.tiktok.com/<code>/',
  'https://www.tiktok.com/t/<code>/',
  'https://www.tiktok.com/embed/v2/<id>',
  'https://m.tiktok.com/v/<id>.html',
] as const;

/** The accepted forms for help text, where Zapier wants bare addresses in backticks (D008). */
export const ACCEPTED_FORMS_HELP = `Accepted: ${ACCEPTED_URL_FORMS.map((form) => `\`${form}\``).join(', ')}, TikTok's share text with the link in it, or the post's id alone.`;

const WHAT_WORKS =
  "Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.";

const notOnePost = (what: string): string => `That is a link to ${what}, not to one video. ${WHAT_WORKS}`;

export const urlMessages = {
  missing: `Enter the TikTok video to look up. ${WHAT_WORKS}`,
  notAUrl: `That is not a web address. ${WHAT_WORKS}`,
  notTikTokVideo: `That is not a link to a TikTok video. ${WHAT_WORKS}`,
  douyin: `That is a Douyin link (TikTok's app in China), which DumplingAI does not look up. ${WHAT_WORKS}`,
  redirect: `That is TikTok's redirect to another website, not a TikTok video. ${WHAT_WORKS}`,
  profile: notOnePost('a TikTok profile'),
  music: notOnePost('a TikTok sound page'),
  hashtag: notOnePost('a TikTok hashtag page'),
  effect: notOnePost('a TikTok effect page'),
  collection: notOnePost('a TikTok collection or playlist'),
  live: notOnePost('a TikTok LIVE page'),
  feed: notOnePost('a TikTok feed or search page'),
} as const;

/** What a refused link is, when that is known; each kind has its own message. */
export type RefusedKind = keyof typeof urlMessages;
