import fc from 'fast-check';

import { urlMessages } from '../src/messages';
import { checkTikTokUrl } from '../src/url';

describe('checkTikTokUrl', () => {
  it.each([
    [
      'https://www.tiktok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'https://tiktok.com/@user.name_1/video/7321234567890123456/',
      'https://tiktok.com/@user.name_1/video/7321234567890123456/',
    ],
    [
      'https://m.tiktok.com/@username/video/7321234567890123456',
      'https://m.tiktok.com/@username/video/7321234567890123456',
    ],
    ['https://vm.tiktok.com/ZMhKxyz/', 'https://vm.tiktok.com/ZMhKxyz/'],
    ['https://vm.tiktok.com/ZMhKxyz', 'https://vm.tiktok.com/ZMhKxyz'],
    ['https://vt.tiktok.com/ZSabc123/', 'https://vt.tiktok.com/ZSabc123/'],
    ['https://www.tiktok.com/t/ZTRabc123/', 'https://www.tiktok.com/t/ZTRabc123/'],
    ['https://m.tiktok.com/v/7321234567890123456.html', 'https://m.tiktok.com/v/7321234567890123456.html'],
    [
      '  https://www.tiktok.com/@username/video/7321234567890123456 \n',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'https://www.tiktok.com/@username/video/7321234567890123456?is_from_webapp=1&sender_device=pc#comments',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'http://WWW.TikTok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
    [
      'www.tiktok.com/@username/video/7321234567890123456',
      'https://www.tiktok.com/@username/video/7321234567890123456',
    ],
  ])('accepts %j and sends %j', (input, expected) => {
    expect(checkTikTokUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', urlMessages.missing],
    ['   ', urlMessages.missing],
    [undefined, urlMessages.missing],
    [null, urlMessages.missing],
    [42, urlMessages.missing],
    ['not a url', urlMessages.notAUrl],
    ['tiktok', urlMessages.notAUrl],
    ['javascript:alert(1)', urlMessages.notAUrl],
    ['data:text/html,<b>hi</b>', urlMessages.notAUrl],
    ['ftp://www.tiktok.com/@u/video/1', urlMessages.notAUrl],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com.evil.example/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://eviltiktok.com/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username/video/', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/@username/video/abc', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/tag/cooking', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com/', urlMessages.notTikTokVideo],
    ['https://vm.tiktok.com/', urlMessages.notTikTokVideo],
    ['https://vm.tiktok.com/abc/def/', urlMessages.notTikTokVideo],
    ['https://m.tiktok.com/v/abc.html', urlMessages.notTikTokVideo],
    ['https://user:pass@www.tiktok.com/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
    ['https://www.tiktok.com:8443/@u/video/7321234567890123456', urlMessages.notTikTokVideo],
  ])('rejects %j with a message naming the accepted forms', (input, message) => {
    expect(checkTikTokUrl(input)).toEqual({ ok: false, message });
  });

  it('names every accepted form in each rejection', () => {
    for (const message of Object.values(urlMessages)) {
      expect(message).toContain('https://vm.tiktok.com/<code>/');
      expect(message).toContain('https://m.tiktok.com/v/<id>.html');
    }
  });
});

describe('checkTikTokUrl, property-based', () => {
  const username = fc.stringMatching(/^[A-Za-z0-9_.]{1,24}$/);
  const videoId = fc.stringMatching(/^[0-9]{1,19}$/);
  const code = fc.stringMatching(/^[A-Za-z0-9]{5,12}$/);
  const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', '');
  const slash = fc.constantFrom('', '/');
  const tracking = fc.constantFrom('', '?is_from_webapp=1&sender_device=pc', '?lang=en#comments', '#top');
  const padding = fc.constantFrom('', ' ', '\n', '\t ');

  // The documented forms, as the help text shows them: the oracle the check must agree with.
  const documentedForms = [
    /^https:\/\/(www\.|m\.)?tiktok\.com\/@[\w.-]+\/video\/\d+\/?$/,
    /^https:\/\/(vm|vt)\.tiktok\.com\/[\w-]+\/?$/,
    /^https:\/\/(www\.)?tiktok\.com\/t\/[\w-]+\/?$/,
    /^https:\/\/m\.tiktok\.com\/v\/\d+\.html$/,
  ];

  const validPath = fc.oneof(
    fc
      .tuple(fc.constantFrom('www.tiktok.com', 'tiktok.com', 'm.tiktok.com'), username, videoId, slash)
      .map(([host, user, id, end]) => `${host}/@${user}/video/${id}${end}`),
    fc
      .tuple(fc.constantFrom('vm.tiktok.com', 'vt.tiktok.com'), code, slash)
      .map(([host, c, end]) => `${host}/${c}${end}`),
    fc.tuple(code, slash).map(([c, end]) => `www.tiktok.com/t/${c}${end}`),
    videoId.map((id) => `m.tiktok.com/v/${id}.html`),
  );

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.anything()),
        (input) => {
          expect(() => checkTikTokUrl(input)).not.toThrow();
        },
      ),
    );
  });

  it('accepts every documented form, with any scheme case, padding and tracking, and sends it cleaned', () => {
    fc.assert(
      fc.property(padding, scheme, validPath, tracking, padding, (before, s, path, query, after) => {
        const result = checkTikTokUrl(`${before}${s}${path}${query}${after}`);
        expect(result).toEqual({ ok: true, url: `https://${path}` });
      }),
    );
  });

  it('accepts nothing outside the documented forms', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          validPath.map((path) => `https://${path}x/y`),
        ),
        (input) => {
          const result = checkTikTokUrl(input);
          if (result.ok) expect(documentedForms.some((form) => form.test(result.url))).toBe(true);
        },
      ),
    );
  });

  it('rejects near-misses: other hosts, look-alike hosts, missing ids, script and data URLs, huge input', () => {
    const nearMiss = fc.oneof(
      fc
        .tuple(fc.domain(), validPath)
        .map(([domain, path]) => `https://${domain}/${path.split('/').slice(1).join('/')}`),
      validPath.map((path) => `https://${path.replace('tiktok.com', 'tiktok.com.evil.example')}`),
      fc.tuple(username).map(([user]) => `https://www.tiktok.com/@${user}/video/`),
      fc.tuple(username, code).map(([user, c]) => `https://www.tiktok.com/@${user}/video/${c}x`),
      validPath.map((path) => `javascript:alert('${path}')`),
      validPath.map((path) => `data:text/html,${path}`),
      fc.constant(`https://www.tiktok.com/@user/video/${'1'.repeat(10_000)}`),
      fc.constant('x'.repeat(10_000)),
    );
    fc.assert(
      fc.property(nearMiss, (input) => {
        const result = checkTikTokUrl(input);
        // A random domain can, rarely, be tiktok.com itself; then it is a valid form, not a miss.
        if (result.ok) expect(documentedForms.some((form) => form.test(result.url))).toBe(true);
        else expect(Object.values(urlMessages)).toContain(result.message);
      }),
    );
  });
});
