import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { listenOnLoopback, stopServer } from './loopback';
import commentData from './comments.json';
import creators from './creators.json';
import roster from './roster.json';
import searchData from './search.json';
import transcriptList from './transcripts.json';
import videoList from './videos.json';

// A DumplingAI stand-in for trying the app and for end-to-end tests. It follows
// ../shared/reference/get-tiktok-video.md: the same statuses, error bodies, messages and headers.

export const SANDBOX_API_KEY = 'sk_sandbox_tiktok_demo_0000';
export const RATE_LIMIT = 100;
export const SAMPLE_VIDEO_URL = 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456';
export const DEFAULT_SLOW_MS = 3000;
export const SAMPLE_CREATOR = '@dumpling.kitchen';
export const SAMPLE_QUERY = 'dumpling';

export const SHORT_LINKS: Readonly<Record<string, string>> = {
  ZMhSandbox1: '7321234567890123456',
  ZSsandbox2: '7322000000000000001',
  ZTRsandbox5: '7322000000000000004',
  ZSapp0006: '7454730070085839471',
};

// The posts come in TikTok's several shapes (see README): the app's JSON names its id `aweme_id`.
const videos = videoList as Record<string, unknown>[];
const idOf = (video: Record<string, unknown>): unknown => video.id ?? video.aweme_id;
const SAMPLE_VIDEO_ID = '7321234567890123456';

// Captions by video id and language, as WebVTT. A video missing here has no captions at all.
const transcripts = transcriptList as Readonly<Record<string, Readonly<Record<string, string>>>>;

interface Endpoint {
  /** The body field with the TikTok address: `url` for videos, `videoUrl` for transcripts. */
  field: string;
  missing: string;
  invalid: string;
  notFound: (url: string) => string;
  answer: (id: string, fields: Record<string, unknown>) => unknown;
  /** The answer's text as sent, when it must differ from JSON.stringify (ids as JSON numbers). */
  encode?: (body: string) => string;
}

/** A record's own entry for a key, so that a name such as `constructor` finds nothing. */
const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

// Paged answers (`cursor` a number, `hasMore` a boolean): page n answers cursor 3 × n, as the
// sandbox's pages hold 3 items.
const PAGE_SIZE = 3;
const pageAt = (pages: readonly unknown[] | undefined, cursor: unknown): unknown =>
  pages?.[typeof cursor === 'number' ? cursor / PAGE_SIZE : 0] ?? null;

// Comments by video id, three pages for the sample video, with a 19-digit cid sent as a JSON
// number as TikTok's app JSON does in places.
const commentPages = commentData.pages as Readonly<Record<string, readonly unknown[]>>;
const cidsAsNumbers = (text: string): string =>
  commentData.numberIds.reduce((body, id) => body.replaceAll(`"cid":"${id}"`, `"cid":${id}`), text);
// Search pages by query: DumplingAI's documented `userList` pages, or TikTok's own body (`bao`).
const searchPages = searchData.pages as Readonly<Record<string, readonly unknown[]>>;

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  '/api/v1/get-tiktok-video': {
    field: 'url',
    missing: "'url' parameter is required and must be a non-empty string.",
    invalid: 'Invalid TikTok video URL format.',
    notFound: (url) => `TikTok video not found for URL: ${url}`,
    answer: (id) => videos.find((candidate) => idOf(candidate) === id) ?? null,
  },
  '/api/v1/get-tiktok-transcript': {
    field: 'videoUrl',
    missing: 'videoUrl parameter is required',
    invalid: 'Invalid TikTok videoUrl format.',
    notFound: () => 'No subtitles were found for this video in the requested language.',
    answer: (id, fields) => {
      const language = typeof fields.preferredLanguage === 'string' ? fields.preferredLanguage : 'en';
      const transcript = transcripts[id]?.[language];
      return transcript === undefined
        ? null
        : {
            transcript,
            language,
            id: `tr_${id}_${language}`,
            originalUrl: `https://www.tiktok.com/@/video/${id}`,
          };
    },
  },
  '/api/v1/get-tiktok-video-comments': {
    field: 'url',
    missing: "'url' parameter is required and must be a non-empty string.",
    invalid: 'Invalid TikTok video URL format.',
    notFound: (url) => `TikTok video not found for URL: ${url}`,
    answer: (id, fields) => pageAt(commentPages[id], fields.cursor),
    encode: cidsAsNumbers,
  },
};

// Creators by handle, for the profile and profile-videos endpoints (see README). Their answers
// follow ../shared/reference/get-tiktok-profile.md and get-tiktok-profile-videos.md; a private
// account's page carries TikTok's own refusal code, since DumplingAI documents none. The roster
// (`roster.json`) adds 25 creators who answer, some slowly, and one who refuses, so a trigger
// watching 25 creators runs offline. A later page is found by the `max_cursor` of the one before.
type Pages = Readonly<Record<string, unknown>>;
const profiles = creators.profiles as Pages;
const firstPages: Pages = { ...(creators.pages as Pages), ...(roster.pages as Pages) };
/** The pages after the first, by handle and by the `max_cursor` of the page before. */
const laterPages: Readonly<Record<string, Pages>> = {
  ...(creators.laterPages as Readonly<Record<string, Pages>>),
  ...(roster.laterPages as Readonly<Record<string, Pages>>),
};
/** Every answer about these creators comes after the slow delay. */
const SLOW_HANDLES = new Set(roster.slowHandles);
// These creators' ids go out as JSON numbers, as TikTok's app JSON sends them in places.
const NUMBER_IDS = new Set(creators.numberIds);
const asNumbers = (text: string): string => text.replace(/"(aweme_id|uid)":"(\d+)"/g, '"$1":$2');

/** What a `maxCursor` the creator's pages do not know answers: an empty last page. */
export const EMPTY_LAST_PAGE = { aweme_list: [], has_more: 0, max_cursor: '0' } as const;

/** TikTok's refusal (a private account): a status code that is not 0, whatever page is asked. */
const refuses = (page: unknown): boolean => {
  const code = (page as { status_code?: unknown } | null)?.status_code;
  return typeof code === 'number' && code !== 0;
};

/**
 * A creator's page of posts: the first without `maxCursor` (or with an empty one), the next page
 * when `maxCursor` is the `max_cursor` of a page before (as text, as the reference types it), an
 * empty last page for any other. Undefined when the sandbox knows no such creator.
 */
const postsPage = (name: string, fields: Record<string, unknown>): unknown => {
  const first = own(firstPages, name);
  const cursor = fields.maxCursor;
  if (first === undefined || cursor === undefined || cursor === null || cursor === '' || refuses(first))
    return first;
  const next = typeof cursor === 'string' ? own(own(laterPages, name), cursor) : undefined;
  return next ?? EMPTY_LAST_PAGE;
};

/** A creator endpoint's answer to a handle (lower case, no `@`), or undefined for no such creator. */
type HandleAnswer = (name: string, fields: Record<string, unknown>) => unknown;

const HANDLE_ENDPOINTS: Readonly<Record<string, HandleAnswer>> = {
  '/api/v1/get-tiktok-profile': (name) => own(profiles, name),
  '/api/v1/get-tiktok-profile-videos': postsPage,
};

export interface Fault {
  what: string;
  status: number;
  body: string;
  contentType: string;
  retryAfter?: string;
  slow?: true;
}

const json = (value: unknown): string => JSON.stringify(value);
const fault = (what: string, status: number, error: string, extra: Partial<Fault> = {}): Fault => ({
  what,
  status,
  body: json({ error }),
  contentType: 'application/json',
  ...extra,
});

/** Reserved video ids that make the sandbox answer with a fault: `…/@sandbox/video/<id>`. */
export const FAULTS: Readonly<Record<string, Fault>> = {
  '7000000000000000400': fault(
    '400 Bad Request',
    400,
    'The video service could not process the provided URL.',
  ),
  '7000000000000000403': fault(
    '403 out of credits',
    403,
    'Insufficient credits. Please top up your account.',
  ),
  '7000000000000000404': fault('404 Not Found', 404, 'TikTok video not found for URL: {{url}}'),
  '7000000000000000429': fault('429 Too Many Requests, Retry-After: 5', 429, 'Too many requests.', {
    retryAfter: '5',
  }),
  '7000000000000000500': fault(
    '500 Internal Server Error',
    500,
    'An unexpected server error occurred while fetching the TikTok video: sandbox fault',
  ),
  '7000000000000000502': fault('502 Bad Gateway', 502, 'Received invalid data structure from video service.'),
  '7000000000000000503': fault(
    '503 upstream rate limit, Retry-After: 30',
    503,
    'Rate limit exceeded. Please try again later.',
    {
      retryAfter: '30',
    },
  ),
  '7000000000000000533': fault(
    '503 upstream rate limit, no Retry-After',
    503,
    'Rate limit exceeded. Please try again later.',
  ),
  '7000000000000000200': {
    what: '200 with an HTML page instead of JSON',
    status: 200,
    body: '<!doctype html><html><body><h1>Maintenance</h1></body></html>',
    contentType: 'text/html',
  },
  '7000000000000000999': {
    what: 'a slow answer (the first video, after the slow delay)',
    status: 200,
    body: '',
    contentType: 'application/json',
    slow: true,
  },
};

export interface SandboxOptions {
  port?: number;
  slowMs?: number;
}

export interface SandboxRequest {
  method: string;
  path: string;
  authorized: boolean;
  hadAuthorizationHeader: boolean;
}

export interface Sandbox {
  origin: string;
  port: number;
  /** Every request the sandbox has answered, so tests can check what reached it. */
  requests: SandboxRequest[];
  close: () => Promise<void>;
}

const VIDEO_PAGE = /^https?:\/\/(?:www\.|m\.)?tiktok\.com\/@[^/]*\/(?:video|photo)\/(\d+)/i;
const MOBILE_PAGE = /^https?:\/\/m\.tiktok\.com\/v\/(\d+)\.html/i;
const SHORT_LINK =
  /^https?:\/\/(?:vm\.tiktok\.com|vt\.tiktok\.com|(?:www\.|lite\.)?tiktok\.com\/t)\/([A-Za-z0-9_-]+)/i;

type UrlMatch = { kind: 'id'; id: string } | { kind: 'unknownShortLink' } | { kind: 'invalid' };

const matchVideoUrl = (url: string): UrlMatch => {
  const id = VIDEO_PAGE.exec(url)?.[1] ?? MOBILE_PAGE.exec(url)?.[1];
  if (id !== undefined) return { kind: 'id', id };
  const code = SHORT_LINK.exec(url)?.[1];
  if (code === undefined) return { kind: 'invalid' };
  const target = SHORT_LINKS[code];
  return target === undefined ? { kind: 'unknownShortLink' } : { kind: 'id', id: target };
};

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  mp3: 'audio/mpeg',
};

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });

export const startSandbox = async ({
  port = 0,
  slowMs = DEFAULT_SLOW_MS,
}: SandboxOptions = {}): Promise<Sandbox> => {
  const remainingByKey = new Map<string, number>();
  const requests: SandboxRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';

  const withOrigin = (text: string): string => text.replaceAll('{{origin}}', origin);

  /** Answers after the slow delay; closing the sandbox calls off what is still waiting. */
  const afterSlowDelay = (answer: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, slowMs);
    timers.add(timer);
  };

  const send = (
    response: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body);
  };

  // Every request a key makes counts down what it has left, as DumplingAI's headers say.
  const countDown = (apiKey: string): Record<string, string> => {
    const remaining = Math.max(0, (remainingByKey.get(apiKey) ?? RATE_LIMIT) - 1);
    remainingByKey.set(apiKey, remaining);
    return { 'X-RateLimit-Limit': String(RATE_LIMIT), 'X-RateLimit-Remaining': String(remaining) };
  };

  /** Both endpoints: the same checks and faults, with each one's own field, messages and answer. */
  const answerPost = async (
    request: IncomingMessage,
    response: ServerResponse,
    apiKey: string,
    endpoint: Endpoint,
  ): Promise<void> => {
    const limits = countDown(apiKey);
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      send(response, status, body, { ...limits, ...headers });
    };

    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(request));
    } catch {
      reply(400, json({ error: 'Invalid JSON in request body' }));
      return;
    }
    const fields =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    const url = fields[endpoint.field];
    if (typeof url !== 'string' || url.trim() === '') {
      reply(400, json({ error: endpoint.missing }));
      return;
    }
    const match = matchVideoUrl(url.trim());
    if (match.kind === 'invalid') {
      reply(400, json({ error: endpoint.invalid }));
      return;
    }
    const notFound = json({ error: endpoint.notFound(url) });
    if (match.kind === 'unknownShortLink') {
      reply(404, notFound);
      return;
    }
    const planned = FAULTS[match.id];
    if (planned?.slow) {
      afterSlowDelay(() => {
        reply(200, withOrigin(json(endpoint.answer(SAMPLE_VIDEO_ID, fields) ?? {})));
      });
      return;
    }
    if (planned) {
      const retry: Record<string, string> = planned.retryAfter ? { 'Retry-After': planned.retryAfter } : {};
      reply(planned.status, planned.body.replace('{{url}}', url), {
        'Content-Type': planned.contentType,
        ...retry,
      });
      return;
    }
    const found = endpoint.answer(match.id, fields);
    if (found === null) reply(404, notFound);
    else reply(200, (endpoint.encode ?? String)(withOrigin(json(found))));
  };

  /**
   * The creator endpoints' shared start: a reply with the rate-limit headers, and the request's
   * JSON body, or null once a 400 has said it was none.
   */
  const listExchange = async (request: IncomingMessage, response: ServerResponse) => {
    const limits = countDown(SANDBOX_API_KEY);
    const reply = (status: number, body: string) => {
      send(response, status, body, limits);
    };
    try {
      return { reply, payload: JSON.parse(await readBody(request)) as unknown };
    } catch {
      reply(400, json({ error: 'Invalid JSON in request body' }));
      return null;
    }
  };

  /**
   * The creator endpoints: a handle in, the creator's profile or page of posts out. A slow
   * creator's answer, whatever it is, comes after the slow delay.
   */
  const answerHandle = async (
    request: IncomingMessage,
    response: ServerResponse,
    answerFor: HandleAnswer,
  ): Promise<void> => {
    const exchanged = await listExchange(request, response);
    if (exchanged === null) return;
    const { reply, payload } = exchanged;
    const fields =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    const handle = fields.handle;
    if (typeof handle !== 'string' || handle.trim() === '') {
      reply(400, json({ error: "'handle' parameter is required and must be a non-empty string." }));
      return;
    }
    const name = handle.trim().replace(/^@/, '').toLowerCase();
    const answer = answerFor(name, fields);
    const answerNow = (): void => {
      if (answer === undefined) {
        reply(404, json({ error: `TikTok user not found: ${handle}` }));
        return;
      }
      const body = withOrigin(json(answer));
      reply(200, NUMBER_IDS.has(name) ? asNumbers(body) : body);
    };
    if (!SLOW_HANDLES.has(name)) {
      answerNow();
      return;
    }
    afterSlowDelay(answerNow);
  };

  /** The creator search: a query in, a page of matches out; a query it does not know finds nothing. */
  const answerSearch = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const exchanged = await listExchange(request, response);
    if (exchanged === null) return;
    const { reply, payload } = exchanged;
    const fields = (payload ?? {}) as { query?: unknown; cursor?: unknown };
    if (typeof fields.query !== 'string' || fields.query.trim() === '') {
      reply(400, json({ error: "'query' parameter is required and must be a non-empty string." }));
      return;
    }
    const found = pageAt(own(searchPages, fields.query.trim().toLowerCase()), fields.cursor);
    reply(200, withOrigin(json(found ?? { userList: [], hasMore: false, cursor: 0 })));
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    const authorization = request.headers.authorization ?? '';
    const authorized = authorization === `Bearer ${SANDBOX_API_KEY}`;
    requests.push({
      method: request.method ?? '',
      path,
      authorized,
      hadAuthorizationHeader: authorization !== '',
    });
    const unauthorized = json({ error: 'API key is invalid or missing.' });

    const endpoint = request.method === 'POST' ? ENDPOINTS[path] : undefined;
    const byHandle = request.method === 'POST' ? HANDLE_ENDPOINTS[path] : undefined;
    if (request.method === 'POST' && path === '/api/v1/search-tiktok-users') {
      if (!authorized) send(response, 401, unauthorized);
      else void answerSearch(request, response);
    } else if (byHandle !== undefined) {
      if (!authorized) send(response, 401, unauthorized);
      else void answerHandle(request, response, byHandle);
    } else if (endpoint !== undefined) {
      if (!authorized) send(response, 401, unauthorized);
      else void answerPost(request, response, SANDBOX_API_KEY, endpoint);
    } else if (request.method === 'GET' && path === '/api/v2/balance') {
      if (!authorized) send(response, 401, unauthorized);
      else send(response, 200, json({ credits: 1000, budget: null }));
    } else if (request.method === 'GET' && path.startsWith('/media/')) {
      // TikTok's CDN answers 403 once a signed media address has expired.
      const name = path.slice('/media/'.length);
      const type = MEDIA_TYPES[name.split('.').pop() ?? ''];
      if (name.startsWith('expired') || type === undefined)
        send(response, 403, 'Access Denied', { 'Content-Type': 'text/plain' });
      else send(response, 200, `sandbox media ${name}`, { 'Content-Type': type });
    } else {
      send(response, 404, json({ error: 'Not found.' }));
    }
  });

  const taken = await listenOnLoopback(server, port);
  origin = `http://127.0.0.1:${taken}`;

  return {
    origin,
    port: taken,
    requests,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return stopServer(server);
    },
  };
};
