import { urlMessages, type RefusedKind } from './linkMessages';

/**
 * A TikTok link, read once: either one post named by its id (and the user name when the link
 * has one), or a short link whose target only TikTok knows.
 */
export type TikTokLink =
  | { kind: 'post'; id: string; user: string | null; photo: boolean }
  | { kind: 'short'; host: string; code: string; path: 't' | null };

export type LinkCheck = { ok: true; link: TikTokLink; url: string } | { ok: false; message: string };

// A post id is a decimal number; 15 to 25 digits is the span of real ids (19 today), which a
// bare number pasted from a spreadsheet must fit to be taken for one.
const BARE_ID = /^\d{15,25}$/;
const ID = '(\\d{1,30})';
// User names are letters, digits, `_` and `.`; links also carry TikTok's long internal user id
// (`MS4wLjAB…`, with `-`), or nothing at all (`/@/video/<id>`).
const USER = '@([\\w.-]{0,100})';
const CODE = '([A-Za-z0-9_-]{1,64})';

const path = (pattern: string): RegExp => new RegExp(`^/${pattern}$`, 'i');

const POST_PATHS: { pattern: RegExp; user: boolean; photo: boolean }[] = [
  { pattern: path(`${USER}/video/${ID}`), user: true, photo: false },
  { pattern: path(`${USER}/photo/${ID}`), user: true, photo: true },
  { pattern: path(`share/video/${ID}`), user: false, photo: false },
  { pattern: path(`i18n/share/video/${ID}`), user: false, photo: false },
  { pattern: path(`embed/${ID}`), user: false, photo: false },
  { pattern: path(`embed/v2/${ID}`), user: false, photo: false },
  { pattern: path(`player/v1/${ID}`), user: false, photo: false },
  { pattern: path(`v/${ID}\\.html`), user: false, photo: false },
];

// Pages that are surely not one post, so a request would only be refused upstream.
const REFUSED_PATHS: [RegExp, RefusedKind][] = [
  [path(`${USER}/(?:collection|playlist)(?:/.*)?`), 'collection'],
  [path(`${USER}/live(?:/.*)?`), 'live'],
  [path(`${USER}(?:/(?!video$|photo$)[^/]*)?`), 'profile'],
  [path('(?:music|sound)(?:/.*)?'), 'music'],
  [path('(?:tag|hashtag|channel)(?:/.*)?'), 'hashtag'],
  [path('(?:sticker|effect|effects)(?:/.*)?'), 'effect'],
  [path('(?:collection|playlist|mix)(?:/.*)?'), 'collection'],
  [path('live(?:/.*)?'), 'live'],
  [path('(?:(?:search|discover|explore|foryou|following|friends|trending)(?:/.*)?)?'), 'feed'],
];

const SHORT_LINK_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);
const DOUYIN = /(^|\.)(douyin|iesdouyin)\.com$/;
const TIKTOK = /(^|\.)tiktokv?\.com$/;

// The first TikTok address in pasted share text ("… https://vm.tiktok.com/ZS…/ This post is
// shared via TikTok Lite…"), standing as a word of its own; the whole text when it is one address.
const TIKTOK_IN_TEXT = /(?<=^|\s)(?:https?:\/\/)?(?:[a-z0-9-]+\.)*tiktokv?\.com(?:[/?#]\S*)?(?=\s|$)/i;
// Sentence punctuation after a link in text is not part of it.
const TRAILING_PUNCTUATION = /[.,;:!?)'"]+$/;

const parseWebAddress = (text: string): URL | null => {
  // People often paste "www.tiktok.com/…" without the scheme.
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const parsed = new URL(withScheme);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
};

const refused = (kind: RefusedKind): LinkCheck => ({ ok: false, message: urlMessages[kind] });

const postOnPath = (pathname: string): TikTokLink | null => {
  for (const { pattern, user, photo } of POST_PATHS) {
    const match = pattern.exec(pathname);
    if (match === null) continue;
    // The id is the last group; the user, when the path has one, the first.
    const [, first, second] = match;
    return user
      ? { kind: 'post', id: String(second), user: first || null, photo }
      : { kind: 'post', id: String(first), user: null, photo };
  }
  return null;
};

const shortOnPath = (host: string, pathname: string): TikTokLink | null => {
  if (SHORT_LINK_HOSTS.has(host)) {
    const match = path(CODE).exec(pathname);
    return match?.[1] === undefined ? null : { kind: 'short', host, code: match[1], path: null };
  }
  const match = path(`t/${CODE}`).exec(pathname);
  return match?.[1] === undefined ? null : { kind: 'short', host, code: match[1], path: 't' };
};

const readTikTokAddress = (address: URL): LinkCheck => {
  const host = address.hostname.toLowerCase();
  if (address.username !== '' || address.password !== '' || address.port !== '') {
    return refused('notTikTokVideo');
  }
  // Repeated trailing slashes are noise, as is a trailing one.
  const pathname = address.pathname.replace(/\/+$/, '') || '/';
  // TikTok's outbound link redirector leads away from TikTok.
  if (/^\/link(\/|$)/i.test(pathname)) return refused('redirect');
  const shareId = address.searchParams.get('shareId');
  if (/^\/trending$/i.test(pathname) && shareId !== null && /^\d{1,30}$/.test(shareId)) {
    return accepted({ kind: 'post', id: shareId, user: null, photo: false });
  }
  const link = postOnPath(pathname) ?? shortOnPath(host, pathname);
  if (link !== null) return accepted(link);
  if (SHORT_LINK_HOSTS.has(host)) return refused('notTikTokVideo');
  const kind = REFUSED_PATHS.find(([pattern]) => pattern.test(pathname))?.[1];
  return refused(kind ?? 'notTikTokVideo');
};

/**
 * The address DumplingAI gets. It documents `https://www.tiktok.com/@username/video/<id>` and
 * `https://vm.tiktok.com/<code>/`, so every link is sent in one of those forms when it can be.
 * A link without a user name goes as `/@/video/<id>`: TikTok serves a post there whatever its
 * author, as downloaders rely on, and the id (all that names the post) is kept. Photo posts go
 * the same way, since TikTok serves them at their `/video/` address too.
 */
export const addressOf = (link: TikTokLink): string =>
  link.kind === 'post'
    ? `https://www.tiktok.com/@${link.user ?? ''}/video/${link.id}`
    : `https://${link.host}/${link.path === null ? '' : `${link.path}/`}${link.code}/`;

// Characters that come along unseen when a link is copied from a chat, a document or a sheet
// (zero-width spaces and joiners, word joiners, byte-order marks): no link or name holds them.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** What a user pasted, without invisible characters or the space around it; '' for no text. */
export const pastedText = (input: unknown): string =>
  typeof input === 'string' ? input.replace(INVISIBLE, '').trim() : '';

/**
 * The entries of one pasted text: separated by commas or line breaks, in any line ending (a
 * column pasted from a sheet, a file saved on an old Mac). No link or name holds either.
 */
export const splitPasted = (text: string): string[] => text.split(/[,\r\n]+/);

const accepted = (link: TikTokLink): LinkCheck => ({ ok: true, link, url: addressOf(link) });

/**
 * Reads a user's input before any request is made. A failed lookup costs no credit, so only what
 * is surely not one post is refused here (with what it is, when that is known); a short link can
 * point at anything, so it goes to DumplingAI to decide.
 */
export const checkTikTokLink = (input: unknown): LinkCheck => {
  const text = pastedText(input);
  if (text === '') return refused('missing');
  if (BARE_ID.test(text)) return accepted({ kind: 'post', id: text, user: null, photo: false });

  const found = TIKTOK_IN_TEXT.exec(text)?.[0].replace(TRAILING_PUNCTUATION, '');
  const address = parseWebAddress(found ?? text);
  if (address === null || (found === undefined && /\s/.test(text)) || !address.hostname.includes('.')) {
    return refused('notAUrl');
  }
  const host = address.hostname.toLowerCase();
  if (DOUYIN.test(host)) return refused('douyin');
  if (!TIKTOK.test(host)) return refused('notTikTokVideo');
  return readTikTokAddress(address);
};
