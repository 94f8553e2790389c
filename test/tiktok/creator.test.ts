import fc from 'fast-check';

import { CREATOR_FORMS_HELP, checkCreator, checkCreators } from '../../src/tiktok/creator';

const WHAT_WORKS =
  'Enter the creator’s TikTok username, such as @dumpling.kitchen, or their profile link, such as https://www.tiktok.com/@dumpling.kitchen.';

describe('checkCreator', () => {
  it.each([
    ['@dumpling.kitchen', 'dumpling.kitchen'],
    ['dumpling.kitchen', 'dumpling.kitchen'],
    ['  @Dumpling.Kitchen  ', 'dumpling.kitchen'],
    ['ab', 'ab'],
    ['a_b.c_d.e_f.g_h.i_j.k_lm', 'a_b.c_d.e_f.g_h.i_j.k_lm'],
    ['12345', '12345'],
    ['73212345678901', '73212345678901'],
    ['abcMS4wLjABxyz', 'abcms4wljabxyz'],
    ['pizza.com', 'pizza.com'],
    ['https://www.tiktok.com/@dumpling.kitchen', 'dumpling.kitchen'],
    ['HTTPS://WWW.TIKTOK.COM/@Dumpling.Kitchen', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen?lang=en&is_from_webapp=1', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen#top', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen///', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen/liked', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen/playlist/dumplings-7300000000000000000', 'dumpling.kitchen'],
    ['http://m.tiktok.com/@dumpling.kitchen', 'dumpling.kitchen'],
    ['www.tiktok.com/@dumpling.kitchen', 'dumpling.kitchen'],
    ['tiktok.com/@dumpling.kitchen', 'dumpling.kitchen'],
    [
      'https://www.tiktok.com/@dumpling.kitchen/video/7321234567890123456?is_from_webapp=1',
      'dumpling.kitchen',
    ],
    ['https://www.tiktok.com/@mika.travels/photo/7477969281306526825', 'mika.travels'],
    // What people paste: the slash of the address a name was copied from, invisible characters.
    ['@dumpling.kitchen/', 'dumpling.kitchen'],
    ['@dumpling.kitchen//', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen\u200B', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen\u00A0', 'dumpling.kitchen'],
    ['\uFEFF@dumpling.kitchen\u2060', 'dumpling.kitchen'],
    ['dumpling\u200D.kitchen', 'dumpling.kitchen'],
  ])('reads %j as the handle %j', (input, handle) => {
    expect(checkCreator(input)).toEqual({ ok: true, handle });
  });

  it.each([
    ['', `No TikTok creator was entered. ${WHAT_WORKS}`],
    ['   ', `No TikTok creator was entered. ${WHAT_WORKS}`],
    ['\u200B@\u00A0', `No TikTok creator was entered. ${WHAT_WORKS}`],
    ['tiktok.com/', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    ['@dumpling.kitchen/liked', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    // Only a name that starts with @ loses a trailing slash: this is read as a (broken) address.
    ['mika@travels/', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    // A lone @ with slashes names nobody, and is read as a (broken) address too.
    ['@/', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    ['@//', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    ['@', `No TikTok creator was entered. ${WHAT_WORKS}`],
    [undefined, `No TikTok creator was entered. ${WHAT_WORKS}`],
    [42, `No TikTok creator was entered. ${WHAT_WORKS}`],
    [
      'dumpling kitchen',
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      '@a',
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      'dumpling.',
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      'a'.repeat(25),
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      'dumpling-kitchen',
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
      `That is TikTok's internal id for an account, which DumplingAI does not take. ${WHAT_WORKS}`,
    ],
    [
      'https://www.tiktok.com/@MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
      `That is TikTok's internal id for an account, which DumplingAI does not take. ${WHAT_WORKS}`,
    ],
    [
      'https://vm.tiktok.com/ZMhKxyz/',
      `A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    [
      'vt.tiktok.com/ZSabc/',
      `A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    [
      'https://www.tiktok.com/t/ZTRabc/',
      `A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    [
      'https://www.tiktok.com/@/video/7321234567890123456',
      `That names a post, not its creator. Open the post and copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    [
      '7321234567890123456',
      `That names a post, not its creator. Open the post and copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    ['https://www.instagram.com/@dumpling.kitchen', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    ['https://nottiktok.com/@dumpling.kitchen', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    ['https://evil-tiktok.com/@dumpling.kitchen', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    [
      'https://www.tiktok.com/@dumpling.kitchen?x= y',
      `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`,
    ],
    [
      '732123456789012',
      `That names a post, not its creator. Open the post and copy the creator's profile address. ${WHAT_WORKS}`,
    ],
    ['https://www.tiktok.com/music/original-sound-123', `That is not a TikTok profile link. ${WHAT_WORKS}`],
    [
      'https://www.tiktok.com/embed/v2/7321234567890123456',
      `That is not a TikTok profile link. ${WHAT_WORKS}`,
    ],
    ['https://[bad', `That is not a TikTok profile link. ${WHAT_WORKS}`],
  ])('refuses %j, saying what to paste', (input, message) => {
    expect(checkCreator(input)).toEqual({ ok: false, message });
  });

  it('keeps every refusal within Zapier’s 250 characters', () => {
    for (const input of [
      '',
      'a b',
      'MS4wLjABxyz',
      'https://vm.tiktok.com/x/',
      '7321234567890123456',
      'https://x.com/@a',
    ]) {
      const checked = checkCreator(input);
      expect(checked.ok ? 0 : checked.message.length).toBeLessThanOrEqual(250);
    }
  });

  const handle = fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_.]{1,23}$/),
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('')),
    )
    .map(([body, last]) => `${body}${last}`)
    .filter((name) => !/^\d{15,25}$/.test(name) && !name.startsWith('MS4wLjAB'));

  it('reads every valid handle, in every accepted form, as that handle in lower case', () => {
    fc.assert(
      fc.property(
        handle,
        fc.constantFrom('', '@', 'https://www.tiktok.com/@', 'tiktok.com/@', 'http://m.tiktok.com/@'),
        fc.constantFrom(
          '',
          '/',
          '?lang=en',
          '#x',
          '/video/7321234567890123456',
          '/photo/7477969281306526825',
        ),
        (name, before, after) => {
          const input = before === '' || before === '@' ? `${before}${name}` : `${before}${name}${after}`;
          expect(checkCreator(input)).toEqual({ ok: true, handle: name.toLowerCase() });
        },
      ),
    );
  });

  it('never throws, whatever is pasted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.anything()), (input) => {
        const checked = checkCreator(input);
        expect(typeof checked.ok).toBe('boolean');
      }),
    );
  });
});

describe('checkCreators', () => {
  const WHAT = WHAT_WORKS;
  it.each([
    [
      ['@dumpling.kitchen', 'https://www.tiktok.com/@mika.travels'],
      ['dumpling.kitchen', 'mika.travels'],
    ],
    ['dumpling.kitchen', ['dumpling.kitchen']],
    ['dumpling.kitchen, @mika.travels\nbig.ids\r\n', ['dumpling.kitchen', 'mika.travels', 'big.ids']],
    [
      ['a.b,c.d', ' ', '', null, undefined, 'e.f'],
      ['a.b', 'c.d', 'e.f'],
    ],
    [
      ['@Dumpling.Kitchen', 'dumpling.kitchen', 'https://www.tiktok.com/@DUMPLING.KITCHEN/'],
      ['dumpling.kitchen'],
    ],
    [[12345, '12345'], ['12345']],
    // A username of digits can reach a list field as a number.
    [[12345], ['12345']],
    [12345, ['12345']],
    // A lone carriage return ends a line in text pasted from old Mac files and some sheets.
    ['dumpling.kitchen\rmika.travels', ['dumpling.kitchen', 'mika.travels']],
  ])('reads %j as the creators %j, each once', (input, handles) => {
    expect(checkCreators(input, 25)).toEqual({ ok: true, handles });
  });

  it.each([undefined, null, '', [], ['', ' ,\n'], [null]])('says no creator was entered for %j', (input) => {
    expect(checkCreators(input, 25)).toEqual({
      ok: false,
      message: `No TikTok creator was entered. ${WHAT}`,
    });
  });

  it('gives the one creator’s own reason when only one was entered', () => {
    expect(checkCreators(['https://vm.tiktok.com/ZMhKxyz/'], 25)).toEqual({
      ok: false,
      message: `A short link (vm.tiktok.com/…) does not say whose it is. Open it, then copy the creator's profile address. ${WHAT}`,
    });
  });

  it('names the entry, as typed, that is not a creator in a list', () => {
    expect(checkCreators(['dumpling.kitchen', ' dumpling kitchen ', 'https://vm.tiktok.com/x/'], 25)).toEqual(
      {
        ok: false,
        message: `"dumpling kitchen" is not a TikTok creator. ${WHAT}`,
      },
    );
    expect(checkCreators(`a.b,${'x'.repeat(60)}`, 25)).toEqual({
      ok: false,
      message: `"${'x'.repeat(39)}…" is not a TikTok creator. ${WHAT}`,
    });
    // 40 characters are quoted whole.
    expect(checkCreators(`a.b,${'y'.repeat(40)}`, 25)).toEqual({
      ok: false,
      message: `"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy" is not a TikTok creator. ${WHAT}`,
    });
  });

  it('takes up to the limit of different creators, and refuses more, saying the limit', () => {
    const names = (count: number) => Array.from({ length: count }, (_, n) => `creator${n}`);
    expect(checkCreators([...names(25), 'creator0'], 25)).toEqual({ ok: true, handles: names(25) });
    expect(checkCreators(names(27), 25)).toEqual({
      ok: false,
      message:
        'That is 27 different creators, and one trigger watches up to 25. Remove 2, or watch the rest in another Zap.',
    });
  });
});

describe('CREATOR_FORMS_HELP', () => {
  it('names the forms a creator can be given in', () => {
    expect(CREATOR_FORMS_HELP).toBe(
      'Their username (such as `@dumpling.kitchen`), their profile link (such as `https://www.tiktok.com/@dumpling.kitchen`), or a link to one of their posts.',
    );
  });
});

describe('checkCreator: what only looks like another form', () => {
  const NOT_A_HANDLE = `That is not a TikTok username: usernames are 2 to 24 letters, digits, _ and . (not ending with .). ${WHAT_WORKS}`;
  const NOT_TIKTOK = `That is not a TikTok profile link. ${WHAT_WORKS}`;

  it.each([
    // Long runs of digits inside a name are a name, not a post id.
    ['x7321234567890123456', 'x7321234567890123456'],
    ['7321234567890123456x', '7321234567890123456x'],
    // An address named in the query, or a /t/ further down the path, does not change the link.
    ['tiktok.com/@dumpling.kitchen?ref=https://www.google.com/', 'dumpling.kitchen'],
    ['https://www.tiktok.com/@dumpling.kitchen/t/ZTRabc123', 'dumpling.kitchen'],
  ])('reads %j as the handle %j', (input, handle) => {
    expect(checkCreator(input)).toEqual({ ok: true, handle });
  });

  it.each([
    ['https://www.tiktok.com.evil.example/@dumpling.kitchen', NOT_TIKTOK],
    ['https://www.tiktok.com/discover/@dumpling.kitchen', NOT_TIKTOK],
    ['http:dumpling.kitchen', NOT_TIKTOK],
    ['dumplinghttps:', NOT_A_HANDLE],
    ['dumpling@kitchen', NOT_A_HANDLE],
  ])('refuses %j, saying what to paste', (input, message) => {
    expect(checkCreator(input)).toEqual({ ok: false, message });
  });
});
