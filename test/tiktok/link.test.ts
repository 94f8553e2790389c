import fc from 'fast-check';

// Real link forms, each with the address it must be sent as, or the kind of page it is.
import links from '../fixtures/links.json';
import { addressOf, checkTikTokLink, splitPasted, type TikTokLink } from '../../src/tiktok/link';
import { urlMessages, type RefusedKind } from '../../src/tiktok/linkMessages';

const ID = '7321234567890123456';

// What the user reads for each kind of refused link, word for word.
const REFUSED: Record<RefusedKind, string> = {
  missing:
    "Enter the TikTok video to look up. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  notAUrl:
    "That is not a web address. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  notTikTokVideo:
    "That is not a link to a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  douyin:
    "That is a Douyin link (TikTok's app in China), which DumplingAI does not look up. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  redirect:
    "That is TikTok's redirect to another website, not a TikTok video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  profile:
    "That is a link to a TikTok profile, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  music:
    "That is a link to a TikTok sound page, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  hashtag:
    "That is a link to a TikTok hashtag page, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  effect:
    "That is a link to a TikTok effect page, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  collection:
    "That is a link to a TikTok collection or playlist, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  live: "That is a link to a TikTok LIVE page, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
  feed: "That is a link to a TikTok feed or search page, not to one video. Paste the link of one video or photo post, such as https://www.tiktok.com/@user/video/<id> or https://vm.tiktok.com/<code>/, or the post's id.",
};

describe('checkTikTokLink: accepted forms and the address sent', () => {
  it.each(links.accepted)('accepts %j and sends %j', (input, sent) => {
    const result = checkTikTokLink(input);
    expect(result.ok && result.url).toBe(sent);
  });

  it('reads a link into its parts once', () => {
    expect(checkTikTokLink(`https://www.tiktok.com/@mika.travels/photo/${ID}`)).toEqual({
      ok: true,
      link: { kind: 'post', id: ID, user: 'mika.travels', photo: true },
      url: `https://www.tiktok.com/@mika.travels/video/${ID}`,
    });
    expect(checkTikTokLink('https://www.tiktok.com/t/ZTRabc123')).toEqual({
      ok: true,
      link: { kind: 'short', host: 'www.tiktok.com', code: 'ZTRabc123', path: 't' },
      url: 'https://www.tiktok.com/t/ZTRabc123/',
    });
  });
});

describe('checkTikTokLink: refused, with what the link is', () => {
  it.each([[undefined, 'missing'], [null, 'missing'], [42, 'missing'], ...links.refused] as [
    unknown,
    RefusedKind,
  ][])('refuses %j as %s', (input, kind) => {
    expect(checkTikTokLink(input)).toEqual({ ok: false, message: REFUSED[kind] });
  });

  it('keeps every message within 250 characters and names a form that works', () => {
    for (const message of Object.values(urlMessages)) {
      expect(message.length).toBeLessThanOrEqual(250);
      expect(message).toContain('https://www.tiktok.com/@user/video/<id>');
      expect(message).toContain('https://vm.tiktok.com/<code>/');
    }
  });

  it('says what the link is when that is known', () => {
    expect(urlMessages.profile).toMatch(/^That is a link to a TikTok profile, not to one video\./);
    expect(urlMessages.douyin).toMatch(/^That is a Douyin link/);
  });
});

describe('checkTikTokLink: what a user pastes around or instead of a link', () => {
  it('takes every mark of a run of punctuation after a link in text as sentence punctuation', () => {
    expect(checkTikTokLink('omg you have to see this https://vm.tiktok.com/ZMhvqXk2/!!')).toEqual({
      ok: true,
      link: { kind: 'short', host: 'vm.tiktok.com', code: 'ZMhvqXk2', path: null },
      url: 'https://vm.tiktok.com/ZMhvqXk2/',
    });
    expect(checkTikTokLink(`so good https://www.tiktok.com/@chef.lupita/video/${ID}?!`)).toEqual({
      ok: true,
      link: { kind: 'post', id: ID, user: 'chef.lupita', photo: false },
      url: `https://www.tiktok.com/@chef.lupita/video/${ID}`,
    });
  });

  it('reads a link without its scheme whose query holds another address', () => {
    // An embed's address as a blog pastes it: the scheme left off, the embedding page in the query.
    expect(
      checkTikTokLink(
        `www.tiktok.com/@chef.lupita/video/${ID}?refer=embed&referer_url=https://www.example.com/`,
      ),
    ).toEqual({
      ok: true,
      link: { kind: 'post', id: ID, user: 'chef.lupita', photo: false },
      url: `https://www.tiktok.com/@chef.lupita/video/${ID}`,
    });
  });

  it.each([
    ['a downloaded video’s file name', '7321234567890123456.mp4', 'notTikTokVideo'],
    ['two ids pasted with nothing between them', '73212345678901234567321234567890123456', 'notAUrl'],
  ] as [string, string, RefusedKind][])(
    'refuses %s, which starts with an id but is none',
    (_what, input, kind) => {
      expect(checkTikTokLink(input)).toEqual({ ok: false, message: REFUSED[kind] });
    },
  );

  it.each([
    [
      'two ids pasted with nothing between them',
      'https://www.tiktok.com/trending?shareId=73212345678901234567321234567890123456',
    ],
    ['letters before the digits', 'https://www.tiktok.com/trending?shareId=v7321234567890123456'],
  ])('takes a trending link whose shareId has %s for the feed it is', (_what, input) => {
    expect(checkTikTokLink(input)).toEqual({ ok: false, message: REFUSED.feed });
  });
});

describe('splitPasted', () => {
  it.each([
    ['a.b', ['a.b']],
    ['a.b, c.d', ['a.b', ' c.d']],
    ['a.b\nc.d\r\ne.f\rg.h', ['a.b', 'c.d', 'e.f', 'g.h']],
    [',,a.b,\n', ['', 'a.b', '']],
  ])('splits %j at commas and line breaks of any ending into %j', (text, entries) => {
    expect(splitPasted(text)).toEqual(entries);
  });
});

describe('addressOf', () => {
  it.each([
    [{ kind: 'post', id: '1', user: 'a.b', photo: false } as const, 'https://www.tiktok.com/@a.b/video/1'],
    [{ kind: 'post', id: '1', user: null, photo: true } as const, 'https://www.tiktok.com/@/video/1'],
    [
      { kind: 'short', host: 'vt.tiktok.com', code: 'ZS1', path: null } as const,
      'https://vt.tiktok.com/ZS1/',
    ],
    [
      { kind: 'short', host: 'lite.tiktok.com', code: 'ZS2', path: 't' } as const,
      'https://lite.tiktok.com/t/ZS2/',
    ],
  ])('sends %j as %s', (link, expected) => {
    expect(addressOf(link)).toBe(expected);
  });
});

describe('checkTikTokLink, property-based', () => {
  // The parts of a link a user may paste. Ids and user names are kept as typed; TikTok reads its
  // hosts and the fixed words of its paths in any case, so those come in any case.
  const user = fc.stringMatching(/^[A-Za-z0-9_.]{0,24}$/);
  const postId = fc.stringMatching(/^\d{15,25}$/);
  const code = fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/);
  const anyCase = (text: string) => fc.mixedCase(fc.constant(text));
  // One of the names, with the case it was typed in.
  const typedAs = (...names: [string, ...string[]]) =>
    fc.constantFrom(...names).chain((name) => anyCase(name).map((typed) => ({ name, typed })));
  const POST_HOSTS = [
    'www.tiktok.com',
    'tiktok.com',
    'm.tiktok.com',
    't.tiktok.com',
    'www.tiktokv.com',
  ] as const;

  /** One accepted form: its host and path as pasted, the query it needs, and what it must be read as. */
  interface Form {
    host: string;
    path: string;
    params: string[];
    link: TikTokLink;
    sent: string;
  }

  const postWithUser = fc
    .record({
      host: typedAs(...POST_HOSTS),
      user,
      kind: typedAs('video', 'photo'),
      id: postId,
    })
    .map(({ host: { typed }, user: name, kind, id }): Form => ({
      host: typed,
      path: `/@${name}/${kind.typed}/${id}`,
      params: [],
      link: { kind: 'post', id, user: name === '' ? null : name, photo: kind.name === 'photo' },
      sent: `https://www.tiktok.com/@${name}/video/${id}`,
    }));
  // Paths that name the post by its id alone: it is sent under an empty user name.
  const postById = fc
    .record({
      host: typedAs(...POST_HOSTS),
      template: fc
        .constantFrom(
          '/share/video/<id>',
          '/i18n/share/video/<id>',
          '/embed/<id>',
          '/embed/v2/<id>',
          '/player/v1/<id>',
          '/v/<id>.html',
        )
        .chain(anyCase),
      id: postId,
    })
    .map(({ host: { typed }, template, id }): Form => ({
      host: typed,
      path: template.replace(/<id>/i, id),
      params: [],
      link: { kind: 'post', id, user: null, photo: false },
      sent: `https://www.tiktok.com/@/video/${id}`,
    }));
  const trendingShare = fc
    .record({ host: typedAs(...POST_HOSTS), path: anyCase('/trending'), id: postId })
    .map(({ host: { typed }, path, id }): Form => ({
      host: typed,
      path,
      params: [`shareId=${id}`],
      link: { kind: 'post', id, user: null, photo: false },
      sent: `https://www.tiktok.com/@/video/${id}`,
    }));
  const shortLink = fc
    .record({ host: typedAs('vm.tiktok.com', 'vt.tiktok.com'), code })
    .map(({ host: { name, typed }, code: c }): Form => ({
      host: typed,
      path: `/${c}`,
      params: [],
      link: { kind: 'short', host: name, code: c, path: null },
      sent: `https://${name}/${c}/`,
    }));
  const tLink = fc
    .record({
      host: typedAs('www.tiktok.com', 'tiktok.com', 'm.tiktok.com', 'lite.tiktok.com'),
      t: anyCase('t'),
      code,
    })
    .map(({ host: { name, typed }, t, code: c }): Form => ({
      host: typed,
      path: `/${t}/${c}`,
      params: [],
      link: { kind: 'short', host: name, code: c, path: 't' },
      sent: `https://${name}/t/${c}/`,
    }));
  const form = fc.oneof(postWithUser, postById, trendingShare, shortLink, tLink);

  // What a link picks up on its way to a Zap: a scheme or none, trailing slashes, tracking
  // parameters, a fragment, and TikTok's share text around it, often with a full stop after it.
  const scheme = fc.oneof(fc.constant(''), fc.constantFrom('https://', 'http://').chain(anyCase));
  const param = fc
    .tuple(fc.stringMatching(/^[a-z_]{1,12}$/), fc.stringMatching(/^[A-Za-z0-9_.-]{0,12}$/))
    .map(([key, value]) => `${key}=${value}`);
  const fragment = fc.oneof(fc.constant(''), fc.stringMatching(/^#[A-Za-z0-9_-]{0,12}$/));
  const shareText = fc
    .array(fc.stringMatching(/^[A-Za-z0-9#@!,']{1,10}$/), { maxLength: 6 })
    .map((words) => words.join(' '));
  const padding = fc.constantFrom('', ' ', '\n', '\t ');

  type Pasted = { text: string; link: TikTokLink; sent: string };
  const pastedLink = fc
    .record({
      form,
      scheme,
      slashes: fc.stringMatching(/^\/{0,3}$/),
      extra: fc.array(param, { maxLength: 3 }),
      fragment,
      around: fc.option(
        fc.record({ before: shareText, mark: fc.constantFrom('', '.', '!', ','), after: shareText }),
      ),
      padding,
    })
    .map(({ form: f, scheme: s, slashes, extra, fragment: hash, around, padding: pad }): Pasted => {
      const params = [...extra, ...f.params];
      const link = `${s}${f.host}${f.path}${slashes}${params.length > 0 ? `?${params.join('&')}` : ''}${hash}`;
      return {
        text:
          around === null ? `${pad}${link}${pad}` : `${around.before} ${link}${around.mark} ${around.after}`,
        link: f.link,
        sent: f.sent,
      };
    });
  const bareId = fc.tuple(postId, padding).map(([id, pad]): Pasted => ({
    text: `${pad}${id}${pad}`,
    link: { kind: 'post', id, user: null, photo: false },
    sent: `https://www.tiktok.com/@/video/${id}`,
  }));

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.anything()),
        (input) => {
          expect(() => checkTikTokLink(input)).not.toThrow();
        },
      ),
    );
  });

  it('reads every accepted form, however it was pasted, into its parts, and sends the one address they make', () => {
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: pastedLink, weight: 9 }, { arbitrary: bareId, weight: 1 }),
        ({ text, link, sent }) => {
          expect(checkTikTokLink(text)).toEqual({ ok: true, link, url: sent });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses near-misses with one of its messages: other hosts, look-alikes, script and data URLs, huge input', () => {
    const nearMiss = fc.oneof(
      fc.tuple(fc.domain(), form).map(([domain, f]) => `https://${domain}${f.path}`),
      form.map((f) => `https://${f.host.replace(/tiktokv?\.com/i, 'tiktok.com.evil.example')}${f.path}`),
      form.map((f) => `javascript:alert('${f.host}${f.path}')`),
      form.map((f) => `data:text/html,${f.host}${f.path}`),
      fc.constant(`https://www.tiktok.com/@user/video/${'1'.repeat(10_000)}`),
      fc.constant('x'.repeat(10_000)),
    );
    fc.assert(
      fc.property(nearMiss, (input) => {
        const result = checkTikTokLink(input);
        // A random domain can, rarely, be tiktok.com itself; then it is a valid form, not a miss.
        if (!result.ok) expect(Object.values(urlMessages)).toContain(result.message);
        else expect(new URL(result.url).hostname).toMatch(/tiktok\.com$/);
      }),
    );
  });
});
