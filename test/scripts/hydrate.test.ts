import { hydrateTranscripts, transcriptPointerIn } from '../../scripts/hydrate';

const pointer = (method: string, bundle: Record<string, unknown>) =>
  `hydrate|||${JSON.stringify({ type: 'method', method, bundle, cacheExpiration: 604800 })}|||hydrate`;

describe('transcriptPointerIn', () => {
  it('reads what a transcript pointer names, and nothing of other values', () => {
    expect(transcriptPointerIn(pointer('hydrators.transcript', { url: 'u', language: 'es' }))).toEqual({
      url: 'u',
      language: 'es',
    });
    expect(transcriptPointerIn(pointer('hydrators.downloadMedia', { url: 'u' }))).toBeNull();
    expect(transcriptPointerIn('hydrate|||{"method":"hydrators.transcript"}|||hydrate')).toBeNull();
    expect(transcriptPointerIn('plain text')).toBeNull();
    expect(transcriptPointerIn(42)).toBeNull();
  });
});

describe('hydrateTranscripts', () => {
  it('replaces every transcript pointer, however deep, and leaves everything else as it is', async () => {
    const asked: unknown[] = [];
    const result = await hydrateTranscripts(
      [
        {
          id: '1',
          transcript: pointer('hydrators.transcript', { url: 'a', language: 'en' }),
          videoFile: pointer('hydrators.downloadMedia', { url: 'f' }),
          videos: [
            { transcript: pointer('hydrators.transcript', { url: 'b', language: 'es' }), n: 2, none: null },
          ],
        },
      ],
      (inputData) => {
        asked.push(inputData);
        return Promise.resolve(`text of ${String(inputData.url)}`);
      },
    );
    expect(result).toEqual([
      {
        id: '1',
        transcript: 'text of a',
        videoFile: pointer('hydrators.downloadMedia', { url: 'f' }),
        videos: [{ transcript: 'text of b', n: 2, none: null }],
      },
    ]);
    expect(asked).toEqual([
      { url: 'a', language: 'en' },
      { url: 'b', language: 'es' },
    ]);
  });
});
