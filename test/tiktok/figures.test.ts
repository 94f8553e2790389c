import { durationText, engagementRate, mentionsOf, profileUrl } from '../../src/tiktok/figures';

describe('engagementRate', () => {
  it('is (likes + comments + shares + saves) / views × 100 on the documented example', () => {
    // (12345 + 234 + 678 + 123) / 567890 × 100 = 2.356…
    expect(engagementRate({ likes: 12345, comments: 234, shares: 678, saves: 123, views: 567890 })).toBe(
      2.36,
    );
  });

  it.each([
    ['zero views', { likes: 5, comments: 1, shares: 0, saves: 0, views: 0 }],
    ['negative views', { likes: 5, comments: 1, shares: 0, saves: 0, views: -10 }],
    ['missing views', { likes: 5, comments: 1, shares: 0, saves: 0, views: null }],
    ['missing stats', { likes: null, comments: null, shares: null, saves: null, views: null }],
  ])('is null with %s', (_what, stats) => {
    expect(engagementRate(stats)).toBeNull();
  });

  it('counts a missing figure as zero when views are known', () => {
    expect(engagementRate({ likes: 10, comments: null, shares: null, saves: null, views: 1000 })).toBe(1);
  });

  it('is null rather than Infinity for a nonsense view count', () => {
    expect(engagementRate({ likes: 1, comments: 0, shares: 0, saves: 0, views: 5e-324 })).toBeNull();
  });

  it('can exceed 100 when a video is liked more than watched', () => {
    expect(engagementRate({ likes: 30, comments: 0, shares: 0, saves: 0, views: 20 })).toBe(150);
  });
});

describe('profileUrl', () => {
  it('links to the author’s profile', () => {
    expect(profileUrl('chef.lupita')).toBe('https://www.tiktok.com/@chef.lupita');
  });

  it.each([null, ''])('is null without a username (%j)', (name) => {
    expect(profileUrl(name)).toBeNull();
  });
});

describe('mentionsOf', () => {
  it('lists mentioned user names without @ and without repeats', () => {
    expect(
      mentionsOf([
        { userUniqueId: 'sakura.eats' },
        { userUniqueId: null },
        { userUniqueId: '@chef.lupita' },
        { userUniqueId: 'sakura.eats' },
        { userUniqueId: '' },
      ]),
    ).toBe('sakura.eats, chef.lupita');
  });

  it('trims pasted spaces and every leading @, and only those', () => {
    expect(mentionsOf([{ userUniqueId: ' @@chef.lupita ' }])).toBe('chef.lupita');
    expect(mentionsOf([{ userUniqueId: 'chef@lupita' }])).toBe('chef@lupita');
  });

  it('skips a mention whose name is only spaces', () => {
    expect(mentionsOf([{ userUniqueId: 'sakura.eats' }, { userUniqueId: '  ' }])).toBe('sakura.eats');
    expect(mentionsOf([{ userUniqueId: ' ' }])).toBeNull();
  });

  it('skips a mention that is a lone @, and is null when that is all there is', () => {
    expect(
      mentionsOf([{ userUniqueId: '@' }, { userUniqueId: 'sakura.eats' }, { userUniqueId: ' @@ ' }]),
    ).toBe('sakura.eats');
    expect(mentionsOf([{ userUniqueId: '@' }])).toBeNull();
  });

  it('is null when nobody is mentioned', () => {
    expect(mentionsOf([{ userUniqueId: null }])).toBeNull();
    expect(mentionsOf([])).toBeNull();
  });
});

describe('durationText', () => {
  it.each([
    [0, '0:00'],
    [8, '0:08'],
    [15, '0:15'],
    [60, '1:00'],
    [125, '2:05'],
    [59.6, '1:00'],
    [3600, '60:00'],
  ])('shows %d seconds as %s', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });

  it.each([null, -1])('is null for %j', (seconds) => {
    expect(durationText(seconds)).toBeNull();
  });
});
