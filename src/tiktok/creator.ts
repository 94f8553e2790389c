import { pastedText, splitPasted } from './link';

// Which TikTok creator a user means, read once from what people paste: `@handle`, `handle`, a
// profile link (any letter case, query, fragment, trailing slashes or profile tab), or a link to
// one of their posts. DumplingAI takes the handle, so whatever names no handle is refused here,
// before any request, with what to paste instead.

export type CreatorCheck = { ok: true; handle: string } | { ok: false; message: string };

// TikTok usernames: letters, digits, `_` and `.`, 2 to 24 characters, not ending with `.`.
const HANDLE_MIN = 2;
const HANDLE_MAX = 24;

const WHAT_WORKS =
  'Enter the creator’s TikTok username, such as @dumpling.kitchen, or their profile link, such as https://www.tiktok.com/@dumpling.kitchen.';

/** The forms a creator can be given in, for help text. */
export const CREATOR_FORMS_HELP =
  'Their username (such as `@dumpling.kitchen`), their profile link (such as `https://www.tiktok.com/@dumpling.kitchen`), or a link to one of their posts.';

export const creatorMessages = {
  missing: `No TikTok creator was entered. ${WHAT_WORKS}`,
  notAHandle: `That is not a TikTok username: usernames are ${HANDLE_MIN} to ${HANDLE_MAX} letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
  internalId: `That is TikTok's internal id for an account, which DumplingAI does not take. ${WHAT_WORKS}`,
  shortLink: `A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. ${WHAT_WORKS}`,
  postWithoutHandle: `That names a post, not its creator. Open the post and copy the creator's profile address. ${WHAT_WORKS}`,
  notTikTok: `That is not a TikTok profile link. ${WHAT_WORKS}`,
} as const;

const HANDLE = new RegExp(`^[a-z0-9_.]{${HANDLE_MIN - 1},${HANDLE_MAX - 1}}[a-z0-9_]$`, 'i');
// TikTok's long internal user id (`secUid`), which links and exports carry in place of a name.
const INTERNAL_ID = /^MS4wLjAB/;
// A post id pasted alone: 15 to 25 digits, the span of real ids (a short number may be a name).
const POST_ID = /^\d{15,25}$/;
const TIKTOK = /(^|\.)tiktok\.com$/;
const SHORT_LINK_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);

const refused = (message: string): { ok: false; message: string } => ({ ok: false, message });

// Handles compare without regard to letter case, so one creator is one cache entry and one request.
const named = (name: string): CreatorCheck => {
  if (INTERNAL_ID.test(name)) return refused(creatorMessages.internalId);
  return HANDLE.test(name) ? { ok: true, handle: name.toLowerCase() } : refused(creatorMessages.notAHandle);
};

const readAddress = (text: string): CreatorCheck => {
  let address: URL;
  try {
    address = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return refused(creatorMessages.notTikTok);
  }
  const host = address.hostname.toLowerCase();
  if (!TIKTOK.test(host)) return refused(creatorMessages.notTikTok);
  if (SHORT_LINK_HOSTS.has(host) || /^\/t\//i.test(address.pathname))
    return refused(creatorMessages.shortLink);
  // `/@handle`, `/@handle/<tab>`, `/@handle/video/<id>`, `/@handle/photo/<id>`: the first part names them.
  const profile = /^\/@([^/]*)(?:\/.*)?$/.exec(address.pathname)?.[1];
  if (profile === undefined) return refused(creatorMessages.notTikTok);
  if (profile === '') return refused(creatorMessages.postWithoutHandle);
  return named(profile);
};

/** Reads what a user entered for a creator; never throws, and refuses only what is surely wrong. */
export const checkCreator = (input: unknown): CreatorCheck => {
  // `@name/`: a name with the slash of the profile address it was copied from.
  const text = pastedText(input).replace(/^(@[^/]+)\/+$/, '$1');
  if (text === '' || text === '@') return refused(creatorMessages.missing);
  if (/\s/.test(text)) return refused(creatorMessages.notAHandle);
  // A name may hold dots (`pizza.com` is one), so only a slash or a scheme makes it an address.
  if (text.includes('/') || /^https?:/i.test(text)) return readAddress(text);
  if (POST_ID.test(text)) return refused(creatorMessages.postWithoutHandle);
  return named(text.replace(/^@/, ''));
};

export type CreatorsCheck = { ok: true; handles: string[] } | { ok: false; message: string };

// An entry quoted in a message is cut, so the message stays within Zapier's 250 characters.
const MAX_QUOTED = 40;
const quoted = (entry: string): string =>
  `"${entry.length > MAX_QUOTED ? `${entry.slice(0, MAX_QUOTED - 1)}…` : entry}"`;

export const creatorListMessages = {
  notACreator: (entry: string): string => `${quoted(entry)} is not a TikTok creator. ${WHAT_WORKS}`,
  tooMany: (count: number, limit: number): string =>
    `That is ${count} different creators, and one trigger watches up to ${limit}. Remove ${count - limit}, or watch the rest in another Zap.`,
} as const;

/**
 * Reads a list of creators: the entries of a list field, or one text (a Zap made before the field
 * was a list) where several may be separated by commas or line breaks, as a column pasted from a
 * sheet is. Empty entries are skipped; the same creator given twice, in any form or case, is one.
 * Refuses the whole list for the first entry that names no creator (quoted as typed; alone, with
 * the reason), or for more than `limit` creators.
 */
export const checkCreators = (input: unknown, limit: number): CreatorsCheck => {
  const entries = (Array.isArray(input) ? input : [input])
    // A number is a name of digits; anything else that is no text (an unmapped row) names nobody.
    .flatMap((entry) =>
      typeof entry === 'number' ? [String(entry)] : typeof entry === 'string' ? [entry] : [],
    )
    .flatMap(splitPasted)
    .filter((entry) => pastedText(entry) !== '');
  const handles: string[] = [];
  for (const entry of entries) {
    const checked = checkCreator(entry);
    if (!checked.ok)
      return refused(
        entries.length === 1 ? checked.message : creatorListMessages.notACreator(pastedText(entry)),
      );
    if (!handles.includes(checked.handle)) handles.push(checked.handle);
  }
  if (handles.length === 0) return refused(creatorMessages.missing);
  return handles.length > limit
    ? refused(creatorListMessages.tooMany(handles.length, limit))
    : { ok: true, handles };
};
