const DEFAULT_BASE_URL = 'https://app.dumplingai.com';
export const VIDEO_PATH = '/api/v1/get-tiktok-video';
export const TRANSCRIPT_PATH = '/api/v1/get-tiktok-transcript';
export const PROFILE_PATH = '/api/v1/get-tiktok-profile';
export const PROFILE_VIDEOS_PATH = '/api/v1/get-tiktok-profile-videos';
export const SEARCH_USERS_PATH = '/api/v1/search-tiktok-users';
export const COMMENTS_PATH = '/api/v1/get-tiktok-video-comments';
// The balance endpoint costs no credit, unlike the video endpoint, so the connection test uses it.
export const BALANCE_PATH = '/api/v2/balance';
export const REQUEST_SOURCE = 'ZAPIER';

/** Each endpoint as a user would call it, so a message names the service that answered. */
const SERVICES: Readonly<Record<string, string>> = {
  [VIDEO_PATH]: 'TikTok video service',
  [TRANSCRIPT_PATH]: 'TikTok transcript service',
  [PROFILE_PATH]: 'TikTok profile service',
  [PROFILE_VIDEOS_PATH]: 'TikTok creator-posts service',
  [SEARCH_USERS_PATH]: 'TikTok creator search',
  [COMMENTS_PATH]: 'TikTok comments service',
  [BALANCE_PATH]: 'account service',
};

/** The service an address of DumplingAI's belongs to; its "API" for any other address. */
export const serviceOf = (url: string | undefined): string => {
  const path = url !== undefined && URL.canParse(url) ? new URL(url).pathname : '';
  return Object.hasOwn(SERVICES, path) ? (SERVICES[path] as string) : 'API';
};
// The dashboard, for billing; the page that lists the account's API keys.
export const DASHBOARD_URL = 'https://app.dumplingai.com';
export const API_KEYS_URL = 'https://app.dumplingai.com/api-keys';
// DumplingAI publishes no price per TikTok call: help text links here rather than quote a figure.
export const PRICING_URL = 'https://www.dumplingai.com/pricing';

// Read on every call, not once at load, so a sandbox or Zapier's env settings can redirect the
// app without reloading it.
const baseUrl = (): string => (process.env.DUMPLINGAI_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');

export const apiUrl = (path: string): string => `${baseUrl()}${path}`;

export const isApiUrl = (url: string | undefined): boolean => {
  if (url === undefined) return false;
  try {
    return new URL(url).origin === new URL(baseUrl()).origin;
  } catch {
    return false;
  }
};
