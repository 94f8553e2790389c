import { SANDBOX_API_KEY, SAMPLE_VIDEO_URL, startSandbox, type Sandbox } from '../../sandbox/server';
import { jobOf, transcriptIn, userMessageFromCliError } from '../../scripts/run';
import { startInProcess } from './inProcess';
import { built, npm } from './npm';

describe('userMessageFromCliError', () => {
  it('reads the message out of the JSON that Zapier’s Error carries', () => {
    const stderr = [
      '- Invoking searches.get_tiktok_video.operation.perform locally',
      ' ›   Error: {"message":"Your DumplingAI account is out of credits.","code":"out_of_credits","status":403}',
      ' ›',
    ].join('\n');
    expect(userMessageFromCliError(stderr)).toBe('Your DumplingAI account is out of credits.');
  });

  it('keeps a plain message and leaves out the developer’s trace', () => {
    const stderr = ' ›   Error: That is not a web address.\n ›   What happened:\n ›     Executing …';
    expect(userMessageFromCliError(stderr)).toBe('That is not a web address.');
  });

  it('keeps a JSON message without a message field as it is', () => {
    expect(userMessageFromCliError(' ›   Error: {"code":"x"}')).toBe('{"code":"x"}');
  });

  it('is null when the CLI printed no error line', () => {
    expect(userMessageFromCliError('something else went wrong')).toBeNull();
  });
});

// The README's main command, exactly as a user types it, with no key in the environment: its
// `npm run build`, then the compiled dist/scripts/run.js, which runs the step through Zapier's CLI.
// Three cases run it so: two through npm (the sample, and an upstream error with its exit status),
// one as built (dist/ is built once for the run, test/globalSetup.ts), for a message the CLI prints
// plain. The others run the same script in this process, with Zapier's runner in this process too
// (./inProcess.ts): each child would spend seconds of the two cores starting Node and the CLI.
const npmStart = (args: string[], extraEnv: Record<string, string> = {}) =>
  npm(['start', '--silent', '--', ...args], extraEnv, 60_000);
const start = (args: string[]) => built('run', args, {}, 60_000);

describe('npm start (the main job) against the sandbox', () => {
  it('with no URL looks up the sample video and prints the step’s output', async () => {
    const run = await npmStart([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Using the local DumplingAI sandbox at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain(`Get TikTok Video: ${SAMPLE_VIDEO_URL}`);
    const output = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n['))) as Record<string, unknown>[];
    expect(output).toHaveLength(1);
    expect(output[0]).toMatchObject({ id: '7321234567890123456', authorUniqueId: 'dumpling.kitchen' });
  }, 60_000);

  it('prints what a Zap user would see for an upstream error, and exits non-zero', async () => {
    const run = await npmStart(['https://www.tiktok.com/@sandbox/video/7000000000000000403']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'Your DumplingAI account is out of credits. Top up in your DumplingAI dashboard (https://app.dumplingai.com) and replay this task.',
    );
    expect(run.stderr).not.toContain('"code"');
  }, 60_000);

  it('prints the URL check’s message for a bad URL, and exits non-zero', async () => {
    const run = await start(['not a link']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "That is not a web address. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
    );
    expect(run.stderr).not.toContain('What happened');
  }, 60_000);
});

describe('npm start -- transcript', () => {
  it('prints the plain transcript first, then the step’s output', async () => {
    const run = await startInProcess(['transcript', 'https://vm.tiktok.com/ZMhSandbox1/', 'es']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Get TikTok Transcript: https://vm.tiktok.com/ZMhSandbox1/ es');
    expect(run.stdout).toContain(
      'Transcript:\n\nEmpanadillas de domingo desde cero. La receta está en los comentarios, y es más fácil de lo que crees.\n',
    );
    const output = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n['))) as Record<string, unknown>[];
    expect(output[0]).toMatchObject({ language: 'es', videoId: '7321234567890123456' });
  }, 60_000);

  it('shows the quirky WebVTT handled: timing lines without blank lines, a lone -->, references, bad timings', async () => {
    const run = await startInProcess([
      'transcript',
      'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Transcript:\n\nHi everyone, welcome back to my kitchen & garden today we make dumplings\n\nfold, pleat, steam <3 repeat so first the dough then the filling © Lupita’s recipe ∉ any book season with salt & pepper\n\nenjoy!\n',
    );
    // The step's output after it still holds the WebVTT as DumplingAI sent it.
    expect(run.stdout.slice(0, run.stdout.indexOf('\n['))).not.toContain('not shown');
  }, 60_000);
});

describe('npm start -- creator and profile', () => {
  it('prints what the trigger returns, newest first, pinned posts in their place, an old one pinned left out', async () => {
    const run = await startInProcess(['creator', '@dumpling.kitchen']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('New TikTok Video by Creator: @dumpling.kitchen');
    const output = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n['))) as {
      id: string;
      isPinned: boolean;
    }[];
    expect(output.map((item) => [item.id, item.isPinned])).toEqual([
      ['7460293617584139566', false],
      ['7459000000000000003', false],
      ['7321234567890123456', false],
      ['7200000000000000002', true],
      ['7129645711360012345', false],
    ]);
  }, 60_000);

  it('prints the profile, and what a Zap user would see for a private creator’s posts', async () => {
    const profile = await startInProcess(['profile', 'https://www.tiktok.com/@Mika.Travels?lang=en']);
    expect(profile.code).toBe(0);
    const [output] = JSON.parse(profile.stdout.slice(profile.stdout.indexOf('\n['))) as Record<
      string,
      unknown
    >[];
    expect(output).toMatchObject({ uniqueId: 'mika.travels', heartCount: 2100000, followerCount: 51200 });
    const refused = await startInProcess(['creator', 'private.person']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'TikTok would not show the posts of @private.person: private, restricted, renamed or gone. Check the username on TikTok (creators can change it), or remove it from this trigger.',
    );
  }, 90_000);
});

describe('npm start -- creators and comments', () => {
  const resultsIn = (stdout: string): unknown[] =>
    JSON.parse(stdout.slice(stdout.indexOf('\n['))) as unknown[];

  it('prints what Find TikTok Creator returns: page 1, best match first, search_user_name as uniqueId', async () => {
    const run = await startInProcess(['creators', 'dumpling']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Find TikTok Creator: dumpling\n');
    const output = resultsIn(run.stdout) as Record<string, unknown>[];
    // Without a filter the step reads one page: the sandbox's first three matches.
    expect(output.map((creator) => [creator.rank, creator.id, creator.uniqueId, creator.nickname])).toEqual([
      [1, '6812345678901234567', 'dumpling.kitchen', 'Dumpling Kitchen'],
      [2, '6812345678901234001', 'dumplingdiaries', 'Dumpling Diaries 🥟'],
      [3, '6812345678901234002', 'dumpling_daddy', 'Dumpling Daddy'],
    ]);
    // The match the sandbox names only by search_user_name.
    expect(output[2]).toMatchObject({
      uniqueId: 'dumpling_daddy',
      profileUrl: 'https://www.tiktok.com/@dumpling_daddy',
      followerCount: 8900,
      heartCount: 178000,
      verified: false,
    });
    expect(output[2]?.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/avatar-dumpling_daddy\.jpg$/);
  }, 60_000);

  it('prints what Get TikTok Video Comments returns: three pages in one result, each comment once', async () => {
    const run = await startInProcess(['comments', 'https://vm.tiktok.com/ZMhSandbox1/']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Get TikTok Video Comments: https://vm.tiktok.com/ZMhSandbox1/\n');
    // The cid the sandbox sent as a bare JSON number, printed with every digit.
    expect(run.stdout).toContain('"id": "7321399999999999999"');
    const output = resultsIn(run.stdout) as {
      comments: { id: string; parentId: string | null; text: string }[];
    }[];
    expect(output).toHaveLength(1);
    const [result] = output;
    expect(result).toMatchObject({
      // A short link names no post: the comments name it.
      videoId: '7321234567890123456',
      url: 'https://www.tiktok.com/@/video/7321234567890123456',
      total: 9,
      returned: 9,
      hasMore: false,
    });
    const ids = result?.comments.map((comment) => comment.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(result?.comments.map((comment) => [comment.id, comment.parentId, comment.text])).toEqual([
      ['7321300000000000001', null, 'Great recipe! 🔥🥟'],
      ['7321300000000000101', '7321300000000000001', '@hungry.hana thank you! 🙏'],
      ['7321300000000000002', null, 'Tried it tonight.\nMy kids loved it!'],
      ['7321399999999999999', null, 'What flour do you use? 🤔'],
      ['7321300000000000004', null, '@dumpling.kitchen more videos like this please'],
      ['7321300000000000005', null, 'When is the next live?'],
      ['7321300000000000105', '7321300000000000005', 'Sunday at 10 🕙'],
      ['7321300000000000006', null, '😍😍😍'],
      ['7321300000000000007', null, 'Saved for later'],
    ]);
    expect(result).toMatchObject({
      commentsText:
        'Great recipe! 🔥🥟\n@hungry.hana thank you! 🙏\nTried it tonight. My kids loved it!\nWhat flour do you use? 🤔\n@dumpling.kitchen more videos like this please\nWhen is the next live?\nSunday at 10 🕙\n😍😍😍\nSaved for later',
    });
  }, 60_000);

  it('prints the step’s message for a blank query, and exits non-zero', async () => {
    // A blank query, not an empty one: `creators ""` falls back to the sample query.
    const run = await startInProcess(['creators', ' ']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'The step failed. What a Zap user would see:\nEnter what to look for: a name, a username or words that describe the creators.',
    );
    expect(run.stderr).not.toContain('What happened');
    // Refused before any request: the app logs DumplingAI's rate-limit headers after each one.
    expect(run.stdout).not.toContain('DumplingAI rate limit');
  }, 60_000);

  it('prints the link check’s message for a link to another site, and exits non-zero', async () => {
    const run = await startInProcess(['comments', 'https://example.com/x']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "The step failed. What a Zap user would see:\nThat is not a link to a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
    );
    expect(run.stderr).not.toContain('What happened');
    expect(run.stdout).not.toContain('DumplingAI rate limit');
  }, 60_000);
});

describe('jobOf and transcriptIn', () => {
  it.each([
    [
      ['creator', 'a.b,c.d', 'e.f'],
      {
        kind: 'trigger',
        step: 'new_video_by_creator',
        label: 'New TikTok Video by Creator',
        input: { creator: 'a.b,c.d,e.f' },
      },
    ],
    [
      ['videos'],
      {
        kind: 'search',
        step: 'get_tiktok_creator_videos',
        label: 'Get TikTok Creator Videos',
        input: { creator: '@dumpling.kitchen' },
      },
    ],
    [
      ['videos', 'mika.travels', '25'],
      {
        kind: 'search',
        step: 'get_tiktok_creator_videos',
        label: 'Get TikTok Creator Videos',
        input: { creator: 'mika.travels', maxVideos: '25' },
      },
    ],
    [
      [],
      {
        kind: 'search',
        step: 'get_tiktok_video',
        label: 'Get TikTok Video',
        input: { url: SAMPLE_VIDEO_URL },
      },
    ],
    [
      ['https://vm.tiktok.com/x/'],
      {
        kind: 'search',
        step: 'get_tiktok_video',
        label: 'Get TikTok Video',
        input: { url: 'https://vm.tiktok.com/x/' },
      },
    ],
    [
      ['transcript'],
      {
        kind: 'search',
        step: 'get_tiktok_transcript',
        label: 'Get TikTok Transcript',
        input: { url: SAMPLE_VIDEO_URL },
      },
    ],
    [
      ['transcript', 'https://vm.tiktok.com/x/', 'es'],
      {
        kind: 'search',
        step: 'get_tiktok_transcript',
        label: 'Get TikTok Transcript',
        input: { url: 'https://vm.tiktok.com/x/', language: 'es' },
      },
    ],
    [
      ['creator'],
      {
        kind: 'trigger',
        step: 'new_video_by_creator',
        label: 'New TikTok Video by Creator',
        input: { creator: '@dumpling.kitchen' },
      },
    ],
    [
      ['creator', 'https://www.tiktok.com/@mika.travels'],
      {
        kind: 'trigger',
        step: 'new_video_by_creator',
        label: 'New TikTok Video by Creator',
        input: { creator: 'https://www.tiktok.com/@mika.travels' },
      },
    ],
    [
      ['profile', 'mika.travels'],
      {
        kind: 'search',
        step: 'get_tiktok_profile',
        label: 'Get TikTok Profile',
        input: { creator: 'mika.travels' },
      },
    ],
    [
      ['profile'],
      {
        kind: 'search',
        step: 'get_tiktok_profile',
        label: 'Get TikTok Profile',
        input: { creator: '@dumpling.kitchen' },
      },
    ],
    [
      ['creators'],
      {
        kind: 'search',
        step: 'find_tiktok_creators',
        label: 'Find TikTok Creator',
        input: { query: 'dumpling' },
      },
    ],
    [
      ['creators', 'vegan', 'recipes'],
      {
        kind: 'search',
        step: 'find_tiktok_creators',
        label: 'Find TikTok Creator',
        input: { query: 'vegan recipes' },
      },
    ],
    [
      ['comments'],
      {
        kind: 'search',
        step: 'get_tiktok_video_comments',
        label: 'Get TikTok Video Comments',
        input: { url: 'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456' },
      },
    ],
    [
      ['comments', 'https://vm.tiktok.com/x/'],
      {
        kind: 'search',
        step: 'get_tiktok_video_comments',
        label: 'Get TikTok Video Comments',
        input: { url: 'https://vm.tiktok.com/x/' },
      },
    ],
  ])('reads %j as %j', (args, job) => {
    expect(jobOf(args)).toEqual(job);
  });

  it.each([
    ['log line\n[{"transcript":"Hello"}]', 'Hello'],
    ['[]', null],
    ['[{"id":"1"}]', null],
    ['not json', null],
  ])('finds the transcript in %j: %j', (stdout, expected) => {
    expect(transcriptIn(stdout)).toBe(expected);
  });
});

describe('npm start with DUMPLINGAI_API_KEY set', () => {
  // No network here: a sandbox started by the test stands in for the real API address.
  let api: Sandbox;
  beforeEach(async () => {
    api = await startSandbox();
  });
  afterEach(() => api.close());

  it('uses that key, trimmed, against the configured API instead of starting the sandbox', async () => {
    const run = await startInProcess(['https://vm.tiktok.com/ZMhSandbox1/'], {
      DUMPLINGAI_API_KEY: `  ${SANDBOX_API_KEY}\n`,
      DUMPLINGAI_BASE_URL: api.origin,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Using the real DumplingAI API (DUMPLINGAI_API_KEY is set)');
    expect(run.stdout).not.toContain('local DumplingAI sandbox');
    expect(run.stdout).not.toContain(SANDBOX_API_KEY);
    expect(api.requests).toEqual([
      { method: 'POST', path: '/api/v1/get-tiktok-video', authorized: true, hadAuthorizationHeader: true },
    ]);
  });

  it('takes a blank key for none, and uses the sandbox', async () => {
    const run = await startInProcess(['https://vm.tiktok.com/ZMhSandbox1/'], { DUMPLINGAI_API_KEY: ' \n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Using the local DumplingAI sandbox at http:\/\/127\.0\.0\.1:\d+ /);
    expect(api.requests).toEqual([]);
  });

  it('sends that key and no other: a wrong one is refused as the Zap user would be told', async () => {
    const run = await startInProcess(['https://vm.tiktok.com/ZMhSandbox1/'], {
      DUMPLINGAI_API_KEY: 'sk_wrong_key_0000',
      DUMPLINGAI_BASE_URL: api.origin,
    });
    expect(run.code).toBe(1);
    expect(api.requests).toEqual([
      { method: 'POST', path: '/api/v1/get-tiktok-video', authorized: false, hadAuthorizationHeader: true },
    ]);
    expect(run.stderr).toMatch(
      /^The step failed\. What a Zap user would see:\nYour DumplingAI API key is invalid or inactive\. /,
    );
    expect(run.stderr).not.toContain('sk_wrong_key_0000');
  });
});

describe('npm start: what it prints besides the step’s output', () => {
  it('says a step that found nothing found nothing', async () => {
    const run = await startInProcess(['https://www.tiktok.com/@sandbox/video/7000000000000000404']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '[]\n\nNo video was found at that address: the step returns nothing, and Zapier treats it as "nothing found".\n',
    );
  });

  it('prints what Zapier’s runner printed when it names no error a Zap user would see', async () => {
    const crashed = () =>
      Promise.resolve({ code: 2, stdout: '', stderr: 'Error: Cannot find module ./index.js\n' });
    const run = await startInProcess([], {}, crashed);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Error: Cannot find module ./index.js\n\n');
  });
});

describe('npm start -- creator <several>, videos and --hydrate', () => {
  it('watches several creators in one trigger, merging their posts newest first', async () => {
    const run = await startInProcess(['creator', 'bao.buns.daily,noodle_nights', 'kimchi.kyu']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('New TikTok Video by Creator: bao.buns.daily,noodle_nights,kimchi.kyu');
    const items = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n['))) as {
      authorUniqueId: string;
      createTime: number;
    }[];
    expect(new Set(items.map((item) => item.authorUniqueId))).toEqual(
      new Set(['bao.buns.daily', 'noodle_nights', 'kimchi.kyu']),
    );
    const times = items.map((item) => item.createTime);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  }, 60_000);

  it('names the creator that cannot be watched', async () => {
    const run = await startInProcess(['creator', 'bao.buns.daily,olive.oil.ollie']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'DumplingAI found no TikTok account @olive.oil.ollie, or could not see its posts. Check the username (creators can change it) and that the account is public, or remove it from this trigger.',
    );
  }, 60_000);

  it('lists a creator’s recent posts with Get TikTok Creator Videos', async () => {
    const run = await startInProcess(['videos', '@dumpling.kitchen', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Get TikTok Creator Videos: @dumpling.kitchen 2');
    const [output] = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n['))) as {
      handle: string;
      count: number;
      hasMore: boolean;
      videos: unknown[];
    }[];
    expect(output).toMatchObject({ handle: 'dumpling.kitchen', count: 2, hasMore: true });
    expect(output?.videos).toHaveLength(2);
  }, 60_000);

  it('shows the transcript pointer by default, and with --hydrate the text a mapped field carries', async () => {
    const plain = await startInProcess([]);
    expect(plain.code).toBe(0);
    // Only Get TikTok Transcript prints its text first.
    expect(plain.stdout).not.toContain('Transcript:');
    const [video] = JSON.parse(plain.stdout.slice(plain.stdout.indexOf('\n['))) as { transcript: string }[];
    expect(video?.transcript).toMatch(/^hydrate\|\|\|.*"method":"hydrators\.transcript".*\|\|\|hydrate$/);
    const hydrated = await startInProcess(['--hydrate']);
    expect(hydrated.code).toBe(0);
    expect(hydrated.stdout).toContain(
      'Each transcript field as a later step that maps it receives it (one lookup each):',
    );
    const [resolved] = JSON.parse(hydrated.stdout.slice(hydrated.stdout.indexOf('\n['))) as {
      transcript: string;
    }[];
    expect(resolved?.transcript).toBe(
      'Sunday dumplings from scratch. The recipe is in the comments, and it is easier than you think.',
    );
  }, 60_000);
});
