import fc from 'fast-check';

// Real link forms, each with the address it must be sent as, or the kind of page it is.
import links from '../fixtures/links.json';
import { addressOf, checkTikTokLink } from '../../src/tiktok/link';
import { urlMessages, type RefusedKind } from '../../src/tiktok/linkMessages';

const ID = '7321234567890123456';

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
    expect(checkTikTokLink(input)).toEqual({ ok: false, message: urlMessages[kind] });
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
  const username = fc.stringMatching(/^[A-Za-z0-9_.]{0,24}$/);
  const postId = fc.stringMatching(/^[1-9][0-9]{18}$/);
  const code = fc.stringMatching(/^[A-Za-z0-9]{5,12}$/);
  const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', 'Http://', '');
  const slashes = fc.constantFrom('', '/', '//');
  const tracking = fc.constantFrom(
    '',
    '?is_from_webapp=1&sender_device=pc',
    '?lang=en#comments',
    '#top',
    '?_r=1&_t=8',
  );
  const padding = fc.constantFrom('', ' ', '\n', '\t ');
  const hostCase = (host: string) => fc.constantFrom(host, host.toUpperCase());

  // Each generated link with the address it must be sent as.
  type Case = [link: string, sent: string];
  const postLink = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('www.tiktok.com', 'tiktok.com', 'm.tiktok.com'),
        username,
        fc.constantFrom('video', 'photo'),
        postId,
      )
      .chain(([host, user, kind, id]) =>
        hostCase(host).map((h): Case => [
          `${h}/@${user}/${kind}/${id}`,
          `https://www.tiktok.com/@${user}/video/${id}`,
        ]),
      ),
    fc
      .tuple(
        fc.constantFrom(
          'www.tiktok.com/share/video/',
          'www.tiktokv.com/share/video/',
          't.tiktok.com/i18n/share/video/',
          'www.tiktok.com/embed/',
          'www.tiktok.com/embed/v2/',
          'www.tiktok.com/player/v1/',
        ),
        postId,
      )
      .map(([prefix, id]): Case => [`${prefix}${id}`, `https://www.tiktok.com/@/video/${id}`]),
  );
  const shortLink = fc.oneof(
    fc
      .tuple(fc.constantFrom('vm.tiktok.com', 'vt.tiktok.com'), code)
      .map(([host, c]): Case => [`${host}/${c}`, `https://${host}/${c}/`]),
    fc
      .tuple(fc.constantFrom('www.tiktok.com', 'lite.tiktok.com'), code)
      .map(([host, c]): Case => [`${host}/t/${c}`, `https://${host}/t/${c}/`]),
  );

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

  it('accepts every form with any scheme, case, padding, tracking and slashes, and sends its address', () => {
    fc.assert(
      fc.property(
        padding,
        scheme,
        fc.oneof(postLink, shortLink),
        slashes,
        tracking,
        padding,
        (before, s, [link, sent], end, query, after) => {
          const result = checkTikTokLink(`${before}${s}${link}${end}${query}${after}`);
          expect(result.ok && result.url).toBe(sent);
        },
      ),
    );
  });

  it('sends only DumplingAI-documented forms: a post page on www.tiktok.com or a short link', () => {
    const sentForm =
      /^https:\/\/(www\.tiktok\.com\/@[\w.-]*\/video\/\d+|(vm|vt)\.tiktok\.com\/[\w-]+\/|(www|lite)\.tiktok\.com\/t\/[\w-]+\/)$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          postLink.map(([link]) => `https://${link}x/y`),
        ),
        (input) => {
          const result = checkTikTokLink(input);
          if (result.ok) expect(result.url).toMatch(sentForm);
        },
      ),
    );
  });

  it('refuses near-misses with one of its messages: other hosts, look-alikes, script and data URLs, huge input', () => {
    const nearMiss = fc.oneof(
      fc
        .tuple(fc.domain(), postLink)
        .map(([domain, [link]]) => `https://${domain}/${link.split('/').slice(1).join('/')}`),
      postLink.map(([link]) => `https://${link.replace(/tiktokv?\.com/i, 'tiktok.com.evil.example')}`),
      postLink.map(([link]) => `javascript:alert('${link}')`),
      postLink.map(([link]) => `data:text/html,${link}`),
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
