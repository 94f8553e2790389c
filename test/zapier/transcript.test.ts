import { transcriptOutput } from '../../src/zapier/transcript';

const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello there\n';
const post = { kind: 'post', id: '7524919477404745385', user: 'garden.notes', photo: false } as const;
const short = { kind: 'short', host: 'vm.tiktok.com', code: 'ZMabc', path: null } as const;

describe('transcriptOutput', () => {
  it('reads an answer whose transcript is not text as an empty transcript', () => {
    expect(transcriptOutput({ transcript: 42 }, post, 'en')).toMatchObject({
      transcript: '',
      transcriptVtt: '',
      segments: [],
      wordCount: 0,
    });
  });

  it('gives the clean text, the WebVTT as sent, segments and figures, and the post from the link', () => {
    expect(
      transcriptOutput(
        { transcript: VTT, language: 'en', id: 'tr_1', originalUrl: 'https://www.tiktok.com/@x/video/1' },
        post,
        'en',
      ),
    ).toEqual({
      transcript: 'Hello there',
      transcriptVtt: VTT,
      segments: [{ start: 1, end: 2.5, text: 'Hello there' }],
      language: 'en',
      wordCount: 2,
      durationSeconds: 2.5,
      videoId: '7524919477404745385',
      url: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
      id: 'tr_1',
      originalUrl: 'https://www.tiktok.com/@x/video/1',
    });
  });

  it('takes the post from DumplingAI’s address for it when the link was a short link', () => {
    const output = transcriptOutput(
      {
        transcript: VTT,
        originalUrl: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385?lang=en',
      },
      short,
      'es',
    );
    expect(output).toMatchObject({
      videoId: '7524919477404745385',
      url: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
      language: 'es',
      id: null,
    });
  });

  it('gives the canonical link of a post named only by its id, once DumplingAI’s address names its author', () => {
    const bare = { kind: 'post', id: '7524919477404745385', user: null, photo: false } as const;
    const named = (originalUrl: string) => transcriptOutput({ transcript: VTT, originalUrl }, bare, 'en').url;
    expect(named('https://www.tiktok.com/@garden.notes/video/7524919477404745385')).toBe(
      'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
    );
    // An address for another post, or with no author, does not name this one's author.
    expect(named('https://www.tiktok.com/@garden.notes/video/7000000000000000001')).toBe(
      'https://www.tiktok.com/@/video/7524919477404745385',
    );
    expect(named('https://www.tiktok.com/@/video/7524919477404745385')).toBe(
      'https://www.tiktok.com/@/video/7524919477404745385',
    );
  });

  it('keeps a link’s own author over the one in DumplingAI’s address', () => {
    expect(
      transcriptOutput(
        { transcript: VTT, originalUrl: 'https://www.tiktok.com/@renamed/video/7524919477404745385' },
        post,
        'en',
      ).url,
    ).toBe('https://www.tiktok.com/@garden.notes/video/7524919477404745385');
  });

  it.each([undefined, 'https://vm.tiktok.com/ZMother/', 'not a link', 42])(
    'keeps the short link when DumplingAI’s address (%j) names no post',
    (originalUrl) => {
      expect(transcriptOutput({ transcript: VTT, originalUrl }, short, 'en')).toMatchObject({
        videoId: null,
        url: 'https://vm.tiktok.com/ZMabc/',
      });
    },
  );

  it('keeps the output to 5,000 segments and 1,000,000 characters, whatever DumplingAI sends', () => {
    const cues = Array.from({ length: 5010 }, (_, n) => `00:00:00.000 --> 00:00:01.000\nword${n}`);
    const huge = `WEBVTT\n\n${cues.join('\n\n')}\n${'x'.repeat(1_000_000)}`;
    const output = transcriptOutput({ transcript: huge }, post, 'en');
    expect(output.segments).toHaveLength(5000);
    expect(output.transcriptVtt).toHaveLength(1_000_000);
  });
});
