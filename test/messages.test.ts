import {
  MAX_MESSAGE_LENGTH,
  apiMessages,
  batchMessages,
  clip,
  connectionMessages,
  fileMessages,
  urlMessages,
} from '../src/messages';

describe('messages', () => {
  const fixed = [
    ...Object.values(urlMessages),
    ...Object.values(connectionMessages),
    apiMessages.outOfCredits,
  ];
  const built = [
    apiMessages.badRequest('x'.repeat(400)),
    apiMessages.notFound('x'.repeat(400)),
    apiMessages.serverError('x'.repeat(400)),
    apiMessages.unexpectedStatus(418, 'x'.repeat(400)),
    apiMessages.unreadableAnswer('x'.repeat(400)),
    apiMessages.rateLimited(86_400),
    fileMessages.unavailable(503),
    fileMessages.badPointer,
    apiMessages.tooSlow(25),
    batchMessages.stillRateLimited(3),
    batchMessages.tooMany(25),
    batchMessages.outOfTime,
    batchMessages.notFound,
  ];

  it.each([...fixed, ...built])('fits Zapier’s 250-character limit: %s', (message) => {
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  });

  it('tells the user what to do when out of credits', () => {
    expect(apiMessages.outOfCredits).toMatch(
      /^Your DumplingAI account is out of credits\. Top up .* and replay this task\.$/,
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
    expect(batchMessages.stillRateLimited(1)).toContain('after 1 try.');
    expect(batchMessages.stillRateLimited(3)).toContain('after 3 tries.');
  });
});
