import type { ZObject } from 'zapier-platform-core';

import { REQUEST_SOURCE, VIDEO_PATH, apiUrl } from './api';
import { answerProblem, redact } from './errors';
import { filePointers, type FilePointers } from './files';
import { flattenVideo, type FlatTikTokVideo } from './flatten';
import { exchange, LIMITS } from './http';
import { apiMessages } from './messages';
import { isObject, parseAnswer, postIn } from './post';

/** What a lookup step returns for one video: the flat fields and file pointers. */
export type TikTokVideoOutput = FlatTikTokVideo & FilePointers;

export type BodyCheck = { ok: true; post: Record<string, unknown> } | { ok: false; detail: string };

const hasPostId = (post: Record<string, unknown>): boolean =>
  [post.id, post.id_str, post.aweme_id].some(
    (id) => (typeof id === 'string' && id.trim() !== '') || typeof id === 'number',
  );

/** A 200 is only a video when its body is a post's JSON object; says what it was instead. */
export const checkVideoBody = (content: string, data: unknown): BodyCheck => {
  const post = postIn(data);
  if (post !== null && hasPostId(post)) return { ok: true, post };
  const problem = answerProblem(content, data);
  if (problem !== null) return { ok: false, detail: problem };
  if (Array.isArray(data)) return { ok: false, detail: 'the answer was a list, not one video.' };
  if (isObject(data)) return { ok: false, detail: 'the answer had no video id.' };
  return { ok: false, detail: 'the answer was not JSON.' };
};

/**
 * One POST to a DumplingAI endpoint, with `requestSource: "ZAPIER"`. Error statuses are thrown
 * by the middleware with plain messages, all but a 404, which each step reads as "nothing found".
 */
export const askDumplingAI = (
  z: ZObject,
  path: string,
  body: Record<string, string>,
  deadlineMs: number = LIMITS.apiDeadlineMs,
  context: 'step' | 'batch' = 'step',
): Promise<{ status: number; content: string }> =>
  exchange(
    z,
    {
      url: apiUrl(path),
      method: 'POST',
      body: { ...body, requestSource: REQUEST_SOURCE },
      skipThrowForStatus: true,
      size: LIMITS.maxAnswerBytes,
      middlewareData: { context },
    },
    { who: 'DumplingAI', context, deadlineMs },
    (answer) => ({ status: answer.status, content: answer.content }),
  );

/**
 * Asks DumplingAI for one video, by an address that `checkTikTokLink` produced. Resolves to null
 * when DumplingAI found no video; every other failure is thrown with a plain message.
 */
export const lookUpVideo = async (
  z: ZObject,
  apiKey: unknown,
  url: string,
  deadlineMs: number = LIMITS.apiDeadlineMs,
  context: 'step' | 'batch' = 'step',
): Promise<TikTokVideoOutput | null> => {
  const response = await askDumplingAI(z, VIDEO_PATH, { url }, deadlineMs, context);
  if (response.status === 404) return null;
  const body = checkVideoBody(response.content, parseAnswer(response.content));
  if (!body.ok) {
    // DumplingAI's text is shown to the user, so the key is masked before the message is cut.
    const detail = redact(body.detail, apiKey);
    throw new z.errors.Error(apiMessages.unreadableAnswer(detail), 'unreadable_answer', response.status);
  }
  const video = flattenVideo(body.post);
  return { ...video, ...filePointers(z, video) };
};
