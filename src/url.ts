import { urlMessages } from './messages';

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

const TIKTOK_HOSTS = new Set(['tiktok.com', 'www.tiktok.com', 'm.tiktok.com']);
const SHORT_LINK_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);

const VIDEO_PAGE = /^\/@[\w.-]{1,64}\/video\/\d{1,30}\/?$/;
const SHARE_LINK = /^\/t\/[A-Za-z0-9_-]{1,64}\/?$/;
const SHORT_LINK = /^\/[A-Za-z0-9_-]{1,64}\/?$/;
const MOBILE_PAGE = /^\/v\/\d{1,30}\.html$/;

const isVideoPath = (host: string, path: string): boolean => {
  if (SHORT_LINK_HOSTS.has(host)) return SHORT_LINK.test(path);
  if (host === 'm.tiktok.com' && MOBILE_PAGE.test(path)) return true;
  return TIKTOK_HOSTS.has(host) && (VIDEO_PAGE.test(path) || SHARE_LINK.test(path));
};

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

/**
 * Checks a user's input before any request is made, so a typo never costs a credit. Returns the
 * address to send: https, without tracking parameters or fragment, which TikTok does not need.
 */
export const checkTikTokUrl = (input: unknown): UrlCheck => {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: false, message: urlMessages.missing };

  const parsed = /\s/.test(text) ? null : parseWebAddress(text);
  if (parsed === null || !parsed.hostname.includes('.')) {
    return { ok: false, message: urlMessages.notAUrl };
  }
  const host = parsed.hostname.toLowerCase();
  if (
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.port !== '' ||
    !isVideoPath(host, parsed.pathname)
  ) {
    return { ok: false, message: urlMessages.notTikTokVideo };
  }
  return { ok: true, url: `https://${host}${parsed.pathname}` };
};
