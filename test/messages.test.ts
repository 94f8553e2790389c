// Every message a user can read, from every layer, fits Zapier's limit and speaks plainly.
import {
  apiMessages,
  clip,
  connectionMessages,
  networkMessages,
  unexpectedMessage,
  type Context,
} from '../src/dumplingai/messages';
import { batchMessages } from '../src/lookups/batch';
import { fileMessages } from '../src/hydrators/downloadMedia';
import { urlMessages } from '../src/tiktok/linkMessages';
import { creatorListMessages, creatorMessages } from '../src/tiktok/creator';
import { creatorsText } from '../src/searches/findTikTokCreators';
import { commentsText } from '../src/searches/getTikTokVideoComments';
import { creatorTriggerText } from '../src/triggers/newVideoByCreator';
import { creatorVideosText } from '../src/searches/getTikTokCreatorVideos';

const CONTEXTS: Context[] = ['step', 'batch', 'trigger', 'connection', 'file'];

describe('messages', () => {
  const fixed = [
    ...Object.values(urlMessages),
    ...Object.values(connectionMessages),
    ...Object.values(creatorMessages),
    creatorsText.missingQuery,
  ];
  // The longest names and inputs a message can quote: a 24-character handle, 400 characters typed.
  const longest = 'x'.repeat(400);
  const handle = 'x'.repeat(24);
  const built = [
    apiMessages.badRequest('x'.repeat(400)),
    apiMessages.notFound('x'.repeat(400)),
    apiMessages.serverError('x'.repeat(400)),
    apiMessages.unexpectedStatus(418, 'x'.repeat(400)),
    apiMessages.serverError('x'.repeat(400), 'trigger'),
    apiMessages.unexpectedStatus(418, 'x'.repeat(400), 'trigger'),
    apiMessages.unreadableAnswer('x'.repeat(400)),
    ...(['step', 'batch', 'trigger'] as const).flatMap((context) => [
      apiMessages.answeredUnreadable(context),
      apiMessages.answeredTooSlowly(context),
    ]),
    apiMessages.unreadableTranscript(longest),
    apiMessages.unreadableProfile(longest),
    apiMessages.unreadablePosts(longest),
    apiMessages.unreadableCreators(longest),
    apiMessages.unreadableComments(longest),
    creatorsText.badMinimum(longest),
    commentsText.badMax(longest),
    creatorVideosText.badMax(longest),
    creatorVideosText.badDate(longest),
    creatorVideosText.unavailable(handle),
    // A roster of 25 creators with the longest usernames.
    ...[1, 2, 25].flatMap((count) => {
      const handles = Array.from({ length: count }, () => handle);
      return [
        creatorTriggerText.notFound(handles),
        creatorTriggerText.unavailable(handles),
        creatorTriggerText.cannotWatch(handles),
      ];
    }),
    creatorTriggerText.badCheckEvery(longest),
    creatorTriggerText.baselineIncomplete,
    creatorListMessages.notACreator(longest),
    creatorListMessages.tooMany(100, 25),
    ...CONTEXTS.flatMap((context) => [
      apiMessages.badRequest('x'.repeat(400), context),
      apiMessages.outOfCredits(context),
      unexpectedMessage(context),
      apiMessages.rateLimited(3600, context, 'TikTok creator-posts service'),
      apiMessages.tooManyRequests(3600, context),
      networkMessages.unreachable('DumplingAI', context),
      networkMessages.tooSlow('DumplingAI', 25, context),
      networkMessages.tooLarge(context),
    ]),
    fileMessages.unavailable(503),
    fileMessages.badPointer,
    fileMessages.expired,
    batchMessages.afterTries(networkMessages.unreachable('DumplingAI', 'batch'), 3),
    fileMessages.storageFailed,
    batchMessages.tooMany(25),
    batchMessages.outOfTime,
    batchMessages.heldBack,
    batchMessages.notFound,
  ];

  it.each([...fixed, ...built])('fits Zapier’s 250-character limit: %s', (message) => {
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('tells the user what to do when out of credits', () => {
    expect(apiMessages.outOfCredits()).toBe(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    );
  });

  it('keeps a long detail’s start and marks the cut', () => {
    const message = apiMessages.serverError(`Service not configured. ${'x'.repeat(400)}`);
    expect(message).toMatch(
      /^DumplingAI had a problem on its side: Service not configured\. x+… Try again later/,
    );
  });
});

describe('clip', () => {
  it('keeps short text', () => {
    expect(clip('abc', 3)).toBe('abc');
  });

  it('cuts long text to the room given, ending with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
  });
});

describe('batch messages', () => {
  it('count tries in plain words', () => {
    expect(batchMessages.afterTries('Busy.', 1)).toBe('Busy. (Tried 1 time.)');
    expect(batchMessages.afterTries('Busy.', 3)).toBe('Busy. (Tried 3 times.)');
  });
});

describe('messages fit where they are read', () => {
  it('promise Zapier’s retry only in a step, and the next check in a trigger', () => {
    expect(networkMessages.unreachable('DumplingAI', 'step')).toBe(
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.',
    );
    expect(networkMessages.unreachable('DumplingAI', 'connection')).toBe(
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Try connecting again in about 60 seconds.',
    );
    expect(networkMessages.unreachable('DumplingAI', 'batch')).toBe(
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. Run this URL again later.',
    );
    expect(networkMessages.unreachable('DumplingAI', 'trigger')).toBe(
      'Could not reach DumplingAI: the connection failed or was cut off before any answer, so nothing was charged. The trigger tries again at its next check; nothing needs to change.',
    );
    expect(apiMessages.rateLimited(30, 'file', 'TikTok video service')).toBe(
      "DumplingAI's TikTok video service is rate-limited right now. Replay this task in about 30 seconds.",
    );
  });

  it('say the same of an answer that never came as of a connection that failed: nothing charged, try again', () => {
    expect(networkMessages.tooSlow('DumplingAI', 25, 'step')).toBe(
      "DumplingAI sent no answer within 25 seconds, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Zapier will retry this step in about 60 seconds; nothing needs to change.",
    );
    expect(networkMessages.tooSlow('DumplingAI', 25, 'trigger')).toBe(
      "DumplingAI sent no answer within 25 seconds, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. The trigger tries again at its next check; nothing needs to change.",
    );
    expect(networkMessages.tooSlow('DumplingAI', 1, 'batch')).toBe(
      "DumplingAI sent no answer within 1 second, so the lookup was stopped before Zapier's time limit; with no answer, nothing was charged. Run this URL again later.",
    );
  });

  it('say what asking again costs once DumplingAI has answered, where it is read', () => {
    expect(apiMessages.answeredTooSlowly('trigger')).toBe(
      "DumplingAI answered, but its answer stopped arriving, so it was given up before Zapier's time limit. The trigger asks again at its next check, which costs one more lookup.",
    );
    expect(apiMessages.answeredUnreadable('step')).toBe(
      'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Replay this task to ask again; that costs one more lookup.',
    );
    expect(apiMessages.answeredUnreadable('batch')).toBe(
      'DumplingAI answered, but its answer was cut off or damaged on the way and could not be read. Running this URL again costs one more lookup.',
    );
  });

  it('tell a bug apart, with what to do where it is read', () => {
    expect(unexpectedMessage('step')).toBe(
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Replay this task; if it keeps happening, contact DumplingAI support.',
    );
    expect(unexpectedMessage('trigger')).toBe(
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). If it happens at every check, contact DumplingAI support.',
    );
    expect(unexpectedMessage('connection')).toBe(
      'The Dumpling AI app hit an unexpected problem (a bug on our side, not your data). Try connecting again; if it keeps happening, contact DumplingAI support.',
    );
  });

  it('name the file size limit the hydrator enforces', () => {
    expect(networkMessages.tooLarge('file')).toBe(
      'This TikTok file is larger than 100 MB, the most this app hands to Zapier as a file. Map its address field instead of the file.',
    );
  });

  it('name TikTok for a file and what was stopped', () => {
    expect(networkMessages.unreachable('TikTok', 'file')).toMatch(
      /^Could not download this file from TikTok/,
    );
    expect(networkMessages.tooSlow('TikTok', 25, 'file')).toBe(
      "TikTok took more than 25 seconds to send this file, so the download was stopped before Zapier's time limit. Replay this task later.",
    );
    expect(networkMessages.tooSlow('DumplingAI', 15, 'connection')).toBe(
      'DumplingAI took more than 15 seconds to answer, so the check of your key was stopped. Try connecting again in about 60 seconds.',
    );
  });

  it('never use internal words', () => {
    const all = [
      ...Object.values(urlMessages),
      ...Object.values(connectionMessages),
      ...CONTEXTS.flatMap((context) => [
        apiMessages.rateLimited(5, context, 'TikTok comments service'),
        networkMessages.unreachable('DumplingAI', context),
      ]),
    ];
    for (const message of all) {
      expect(message).not.toMatch(/upstream|line item|hydrat/i);
      expect(message).not.toMatch(/FetchError|ECONN|ENOTFOUND|EPIPE/);
    }
  });
});
