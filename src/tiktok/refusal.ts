import { num, type JsonObject } from './json';

// TikTok's own answer for an account it will not show carries a status code that is not 0: its
// web JSON `statusCode`, its app JSON `status_code` (10202 no such user, 10221 banned, 10222
// private, as TikTok's web pages send them). DumplingAI documents neither; they are read if sent.

/** Whether TikTok's answer, as DumplingAI forwarded it, says TikTok refused to show it. */
export const tikTokRefused = (answer: JsonObject): boolean =>
  [answer.statusCode, answer.status_code].some((code) => {
    const value = num(code);
    return value !== null && value !== 0;
  });
