import fc from 'fast-check';

import { readFixture } from '../helpers';
import { address, num, parseAnswer, text } from '../../src/tiktok/json';
import { normalisePost, postIn, postTime, type TikTokPost } from '../../src/tiktok/post';

describe('parseAnswer', () => {
  it('keeps every digit of a 19-digit id sent as a JSON number, and leaves other numbers alone', () => {
    expect(
      parseAnswer('{"id":7454730070085839471,"n":-9007199254740993,"small":42,"real":1.5e300,"s":"7"}'),
    ).toEqual({ id: '7454730070085839471', n: '-9007199254740993', small: 42, real: 1.5e300, s: '7' });
  });

  it('reads the app-style fixture with its bare 19-digit numbers intact', () => {
    const parsed = parseAnswer(readFixture('app-aweme')) as Record<string, Record<string, unknown>>;
    expect(parsed.group_id).toBe('7454730070085839471');
    expect(parsed.author?.uid).toBe('6958342107654321987');
  });

  it('reads an answer nested too deep to revive, without its big-number care', () => {
    const depth = 100_000;
    const parsed = parseAnswer(`{"id":"1","deep":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(parsed).toMatchObject({ id: '1' });
  });

  it.each(['', '<html>', '{"id": 1', 'undefined'])('is null for %j, which is not JSON', (content) => {
    expect(parseAnswer(content)).toBeNull();
  });
});

describe('postIn', () => {
  const post = { id: '1' };
  it.each([
    ['the post itself', post],
    ['TikTok web page data', { itemInfo: { itemStruct: post } }],
    ['a bare itemStruct', { itemStruct: post }],
    ['TikTok app detail', { aweme_detail: post }],
  ])('finds the post in %s', (_shape, data) => {
    expect(postIn(data)).toEqual(post);
  });

  it.each([null, [post], 'text', 42])('is null for %j', (data) => {
    expect(postIn(data)).toBeNull();
  });

  it('keeps an object whose wrapper key holds no object', () => {
    expect(postIn({ id: '2', itemStruct: 'x' })).toEqual({ id: '2', itemStruct: 'x' });
  });
});

describe('value readers', () => {
  it.each([
    [8817, 8817],
    ['8817', 8817],
    [' 1776621 ', 1776621],
    ['-3', -3],
    ['4.5', 4.5],
    ['1.2M', null],
    ['', null],
    ['1e3', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    ['9'.repeat(400), null],
    [true, null],
    [null, null],
  ])('num(%j) is %j', (value, expected) => {
    expect(num(value)).toBe(expected);
  });

  it.each([
    ['abc', 'abc'],
    ['', null],
    ['   ', null],
    [12, '12'],
    [Number.NaN, null],
    [false, null],
    [{}, null],
  ])('text(%j) is %j', (value, expected) => {
    expect(text(value)).toBe(expected);
  });

  it.each([
    ['https://a/1.jpg', 'https://a/1.jpg'],
    [{ urlList: ['', 'https://a/2.jpg'] }, 'https://a/2.jpg'],
    [{ url_list: ['https://a/3.jpg'] }, 'https://a/3.jpg'],
    [['https://a/4.jpg'], 'https://a/4.jpg'],
    [{ urlList: [] }, null],
    [{ uri: 'x' }, null],
    ['', null],
  ])('address(%j) is %j', (value, expected) => {
    expect(address(value)).toBe(expected);
  });
});

describe('normalisePost: the creation time from the id, when none is sent', () => {
  it.each([
    ['7524919477404745385', 1752031845, '2025-07-09T03:30:45.000Z'],
    ['7454730070085839471', 1735689600, '2025-01-01T00:00:00.000Z'],
    ['6871947674213611163', 1600000000, '2020-09-13T12:26:40.000Z'],
  ])('reads the creation second from the top 32 bits of %s', (id, seconds, iso) => {
    expect(normalisePost({ id })).toMatchObject({ id, createTime: seconds, createTimeISO: iso });
  });

  it.each([undefined, '1234567890', 'abc', '9'.repeat(25), '100000000000000000'])(
    'has none for the id %j, which carries no plausible time',
    (id) => {
      expect(normalisePost({ id })).toMatchObject({ createTime: null, createTimeISO: null });
    },
  );
});

describe('postTime and normalisePost: a time of 0 is none, never 1970', () => {
  it.each([
    [{ aweme_id: '7524919477404745385', create_time: 0 }, 1752031845, '2025-07-09T03:30:45.000Z'],
    [{ id: '7524919477404745385', createTime: '0' }, 1752031845, '2025-07-09T03:30:45.000Z'],
    [
      { id: '1', createTime: -5, createTimeISO: '2024-01-01T00:00:00.000Z' },
      1704067200,
      '2024-01-01T00:00:00.000Z',
    ],
    [{ id: '1', create_time: 0 }, null, null],
    [{ id: '1', createTime: 0, create_time: 1600000000 }, 1600000000, '2020-09-13T12:26:40.000Z'],
  ])('%j was made at %j (%j)', (raw, seconds, iso) => {
    expect(postTime(raw)).toBe(seconds);
    expect(normalisePost(raw)).toMatchObject({ createTime: seconds, createTimeISO: iso });
  });
});

describe('normalisePost: the author’s verified badge', () => {
  it.each([
    [{ author: { unique_id: 'a', custom_verify: 'Popular creator', enterprise_verify_reason: '' } }, true],
    [{ author: { unique_id: 'a', custom_verify: '', enterprise_verify_reason: '' } }, false],
    [{ author: { uniqueId: 'a', verified: false }, authorVerified: true }, false],
    [{ author: 'a', authorVerified: true }, true],
    [{ author: { unique_id: 'a' } }, null],
  ])('reads %j as verified %j', (raw, verified) => {
    expect(normalisePost(raw).author.verified).toBe(verified);
  });
});

describe('normalisePost', () => {
  it('takes counts from statsV2, which is exact, over stats, which rounds', () => {
    const post = normalisePost({
      stats: { playCount: 9400000, diggCount: 10, shareCount: 'x' },
      statsV2: { playCount: '9412345', diggCount: '' },
    });
    expect(post.stats).toEqual({
      likes: 10,
      shares: null,
      comments: null,
      views: 9412345,
      saves: null,
      reposts: null,
    });
  });

  it('derives createTime and createTimeISO from the post id when neither is sent', () => {
    const post = normalisePost({ id: '7524919477404745385' });
    expect([post.createTime, post.createTimeISO]).toEqual([1752031845, '2025-07-09T03:30:45.000Z']);
  });

  it('derives createTime from createTimeISO, and keeps the ISO text that was sent', () => {
    const post = normalisePost({ id: '1', createTimeISO: '2024-01-01T00:00:00.000Z' });
    expect([post.createTime, post.createTimeISO]).toEqual([1704067200, '2024-01-01T00:00:00.000Z']);
  });

  it('derives createTimeISO from a createTime sent as text', () => {
    const post = normalisePost({ createTime: '1600000000' });
    expect([post.createTime, post.createTimeISO]).toEqual([1600000000, '2020-09-13T12:26:40.000Z']);
  });

  it('prefers an id_str twin to a number that lost digits', () => {
    expect(normalisePost({ id: 7454730070085839000, id_str: '7454730070085839471' }).id).toBe(
      '7454730070085839471',
    );
  });

  it('converts an app-style duration from milliseconds to seconds', () => {
    expect(normalisePost({ aweme_id: '1', video: { duration: 27300 } }).video.duration).toBe(27.3);
    expect(normalisePost({ id: '1', video: { duration: 27 } }).video.duration).toBe(27);
  });

  it('gives a photo post no video length and no video addresses, whatever the video block says', () => {
    const post = normalisePost({
      video: { duration: 10, playAddr: 'https://v/1.mp4', downloadAddr: 'https://v/2.mp4' },
      imagePost: { images: [] },
    });
    expect(post.video).toMatchObject({ duration: null, playAddr: null, downloadAddr: null });
    expect(post.images).toEqual([]);
  });

  it('reads an app-style photo post: images, their sizes, its cover and title', () => {
    const post = normalisePost({
      aweme_id: '1',
      image_post_info: {
        title: 'Trip',
        image_post_cover: { display_image: { url_list: ['https://p/cover.jpg'] } },
        images: [{ display_image: { url_list: ['https://p/1.jpg'], width: 1080, height: 1920 } }],
      },
    });
    expect(post.images).toEqual([{ url: 'https://p/1.jpg', width: 1080, height: 1920 }]);
    expect([post.video.cover, post.photoTitle]).toEqual(['https://p/cover.jpg', 'Trip']);
  });

  it('reads the private flag of app JSON, where 1 and 0 mean yes and no', () => {
    expect(normalisePost({ author: { secret: 1 } }).author.privateAccount).toBe(true);
    expect(normalisePost({ author: { secret: 0 } }).author.privateAccount).toBe(false);
    expect(normalisePost({ author: { secret: 'no' } }).author.privateAccount).toBeNull();
  });

  it('reads the first bit rate of app JSON', () => {
    expect(
      normalisePost({ video: { bit_rate: [{ bit_rate: 967610 }, { bit_rate: 5 }] } }).video.bitrate,
    ).toBe(967610);
  });
});

describe('normalisePost, property-based', () => {
  const numbersIn = (post: TikTokPost): unknown[] => [
    post.createTime,
    ...Object.values(post.author),
    ...Object.values(post.stats),
    ...Object.values(post.music),
    ...Object.values(post.video),
    ...(post.images ?? []).flatMap((image) => [image.width, image.height]),
    ...post.textExtra.flatMap((entry) => [entry.start, entry.end]),
  ];
  const tikTokShaped = fc.record(
    {
      id: fc.oneof(fc.string(), fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String), fc.integer()),
      createTime: fc.oneof(fc.integer(), fc.string(), fc.double()),
      stats: fc.dictionary(fc.constantFrom('playCount', 'diggCount'), fc.oneof(fc.string(), fc.double())),
      statsV2: fc.dictionary(
        fc.constantFrom('playCount', 'collectCount'),
        fc.oneof(fc.string(), fc.double()),
      ),
      author: fc.oneof(fc.string(), fc.object()),
      video: fc.record({ duration: fc.oneof(fc.double(), fc.string()), playAddr: fc.anything() }),
      imagePost: fc.record({
        images: fc.array(fc.record({ imageWidth: fc.double(), imageURL: fc.anything() })),
      }),
      aweme_id: fc.string(),
      textExtra: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('never throws, and every number it gives is a finite number or null', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), tikTokShaped), (raw) => {
        const post = normalisePost(raw);
        for (const value of numbersIn(post)) {
          if (value !== null && typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
      }),
    );
  });
});

describe('normalisePost, size', () => {
  it('cuts text at 5,000 characters (TikTok allows 4,000) and lists at 100 entries', () => {
    const post = normalisePost({
      desc: 'd'.repeat(6000),
      challenges: Array.from({ length: 150 }, (_, n) => ({ id: String(n), title: `t${n}` })),
      imagePost: {
        images: Array.from({ length: 150 }, () => ({ imageURL: { urlList: ['https://p/1.jpg'] } })),
      },
    });
    expect(post.desc).toBe('d'.repeat(5000));
    expect(post.challenges).toHaveLength(100);
    expect(post.images).toHaveLength(100);
  });
});

describe('normalisePost, times', () => {
  it('gives no ISO time for a createTime too large to be a date', () => {
    const post = normalisePost({ createTime: 8640000000000.001 });
    expect([post.createTime, post.createTimeISO]).toEqual([8640000000000.001, null]);
  });
});

describe('normalisePost: the time an id carries, at the edges of the span of real posts', () => {
  it('reads an id made at the first second of 2014, the earliest time a post can have', () => {
    expect(normalisePost({ id: '5963709837370982400' })).toMatchObject({
      createTime: 1388534400,
      createTimeISO: '2014-01-01T00:00:00.000Z',
    });
  });

  it('reads an id made at the last second of 2099, and none made at the first second of 2100', () => {
    expect(normalisePost({ id: '17619866245350305849' }).createTime).toBe(4102444799);
    expect(normalisePost({ id: '17619866249645260800' })).toMatchObject({
      createTime: null,
      createTimeISO: null,
    });
  });

  it.each(['v7524919477404745385', '7524919477404745385_1'])(
    'has no time for the id %j, which is not digits alone',
    (id) => {
      expect(normalisePost({ id })).toMatchObject({ id, createTime: null, createTimeISO: null });
    },
  );
});

describe('normalisePost: TikTok’s 0 for an absent size, length or rate is none', () => {
  it('reads the all-0 video block of an app-style photo post as no sizes, length or rate', () => {
    const post = normalisePost({
      aweme_id: '7477969281306526825',
      video: { height: 0, width: 0, duration: 0, bit_rate: [{ bit_rate: 0 }] },
      music: { id_str: '7477969300000000000', duration: 0 },
    });
    expect(post.video).toMatchObject({ height: null, width: null, duration: null, bitrate: null });
    expect(post.music.duration).toBeNull();
  });

  it('keeps real sizes, length and rate', () => {
    const post = normalisePost({
      id: '7524919477404745385',
      video: { height: 1280, width: 720, duration: 42, bitrate: 1189554 },
      music: { duration: 60 },
    });
    expect(post.video).toMatchObject({ height: 1280, width: 720, duration: 42, bitrate: 1189554 });
    expect(post.music.duration).toBe(60);
  });
});

describe('normalisePost: app JSON known by its statistics block alone', () => {
  it('reads the duration of a post with statistics and no aweme_id as milliseconds', () => {
    const post = normalisePost({
      id: '7454730070085839471',
      statistics: { play_count: 1776621 },
      video: { duration: 27300 },
    });
    expect(post.video.duration).toBe(27.3);
  });
});

describe('normalisePost: each of TikTok’s spellings of a count, alone', () => {
  it.each([
    ['shares', { statsV2: { shareCount: '5231' } }, 5231],
    ['shares', { stats: { shareCount: 5231 } }, 5231],
    ['shares', { aweme_id: '1', statistics: { share_count: 4310 } }, 4310],
    ['comments', { statsV2: { commentCount: '1204' } }, 1204],
    ['comments', { aweme_id: '1', statistics: { comment_count: 932 } }, 932],
    ['views', { statsV2: { playCount: '9412345' } }, 9412345],
    ['views', { aweme_id: '1', statistics: { play_count: 1776621 } }, 1776621],
    ['saves', { statsV2: { collectCount: '8817' } }, 8817],
    ['saves', { aweme_id: '1', statistics: { collect_count: 15234 } }, 15234],
    ['reposts', { statsV2: { repostCount: '97' } }, 97],
    ['reposts', { aweme_id: '1', statistics: { repost_count: 58 } }, 58],
  ] as const)('reads %s from %j as %j', (key, raw, expected) => {
    expect(normalisePost(raw).stats[key]).toBe(expected);
  });

  it.each([
    ['followerCount', { authorStatsV2: { followerCount: '1831942' } }, 1831942],
    ['followerCount', { authorStats: { followerCount: 1830000 } }, 1830000],
    ['followerCount', { author: { unique_id: 'crumb.and.co', follower_count: 98213 } }, 98213],
    ['followingCount', { authorStatsV2: { followingCount: '212' } }, 212],
    ['followingCount', { author: { unique_id: 'crumb.and.co', following_count: 77 } }, 77],
    ['heartCount', { authorStatsV2: { heartCount: '45123890' } }, 45123890],
    ['heartCount', { author: { unique_id: 'crumb.and.co', total_favorited: 2310455 } }, 2310455],
    ['videoCount', { authorStatsV2: { videoCount: '734' } }, 734],
    ['videoCount', { author: { unique_id: 'crumb.and.co', aweme_count: 412 } }, 412],
  ] as const)('reads the author’s %s from %j as %j', (key, raw, expected) => {
    expect(normalisePost(raw).author[key]).toBe(expected);
  });
});

describe('normalisePost: each of TikTok’s spellings of a video’s addresses, alone', () => {
  it.each([
    [
      { id: '7524919477404745385', video: { downloadAddr: 'https://v16-webapp-prime.us.tiktok.com/dl.mp4' } },
      'https://v16-webapp-prime.us.tiktok.com/dl.mp4',
      null,
    ],
    [
      {
        aweme_id: '7454730070085839471',
        video: {
          download_addr: { url_list: ['https://v16m.tiktokcdn.com/video/tos/useast2a/download.mp4'] },
        },
      },
      'https://v16m.tiktokcdn.com/video/tos/useast2a/download.mp4',
      null,
    ],
    [
      { id: '7524919477404745385', video: { playAddr: 'https://v16-webapp-prime.us.tiktok.com/play.mp4' } },
      null,
      'https://v16-webapp-prime.us.tiktok.com/play.mp4',
    ],
    [
      {
        aweme_id: '7454730070085839471',
        video: { play_addr: { url_list: ['https://v16m.tiktokcdn.com/video/tos/useast2a/play.mp4'] } },
      },
      null,
      'https://v16m.tiktokcdn.com/video/tos/useast2a/play.mp4',
    ],
  ])('reads the addresses of the video %j', (raw, downloadAddr, playAddr) => {
    expect(normalisePost(raw).video).toMatchObject({ downloadAddr, playAddr });
  });
});

describe('normalisePost: each of TikTok’s spellings of a hashtag, alone', () => {
  it.each([
    [
      {
        id: '24521',
        title: 'gardening',
        desc: 'Grow what you eat.',
        coverThumb: 'https://p16.tiktokcdn.com/c.jpeg',
      },
      {
        id: '24521',
        title: 'gardening',
        desc: 'Grow what you eat.',
        coverThumb: 'https://p16.tiktokcdn.com/c.jpeg',
      },
    ],
    [
      {
        cid: '13311',
        cha_name: 'sourdough',
        desc: 'Wild yeast, patience.',
        cover_item: { url_list: ['https://p16-va.tiktokcdn.com/item.jpeg'] },
      },
      {
        id: '13311',
        title: 'sourdough',
        desc: 'Wild yeast, patience.',
        coverThumb: 'https://p16-va.tiktokcdn.com/item.jpeg',
      },
    ],
    [
      {
        cid: '5225',
        cha_name: 'baking',
        cover_thumb: { url_list: ['https://p16-va.tiktokcdn.com/thumb.jpeg'] },
      },
      { id: '5225', title: 'baking', desc: null, coverThumb: 'https://p16-va.tiktokcdn.com/thumb.jpeg' },
    ],
  ])('reads the challenge %j', (entry, challenge) => {
    expect(normalisePost({ challenges: [entry] }).challenges).toEqual([challenge]);
    expect(normalisePost({ cha_list: [entry] }).challenges).toEqual([challenge]);
  });

  it.each([
    [
      { start: 42, end: 52, type: 1, hashtagName: 'gardening', hashtagId: '24521', userUniqueId: '' },
      { hashtagName: 'gardening', hashtagId: '24521', userUniqueId: null, start: 42, end: 52 },
    ],
    [
      { start: 27, end: 37, type: 1, hashtag_name: 'sourdough', hashtag_id: '13311' },
      { hashtagName: 'sourdough', hashtagId: '13311', userUniqueId: null, start: 27, end: 37 },
    ],
    [
      { start: 25, end: 38, type: 0, hashtagName: '', userUniqueId: 'urban.grower' },
      { hashtagName: null, hashtagId: null, userUniqueId: 'urban.grower', start: 25, end: 38 },
    ],
    [
      { start: 0, end: 13, type: 0, user_unique_id: 'crumb.and.co' },
      { hashtagName: null, hashtagId: null, userUniqueId: 'crumb.and.co', start: 0, end: 13 },
    ],
    [
      { start: 14, end: 26, type: 0, unique_id: 'mika.travels' },
      { hashtagName: null, hashtagId: null, userUniqueId: 'mika.travels', start: 14, end: 26 },
    ],
  ])('reads the tag %j', (entry, extra) => {
    expect(normalisePost({ textExtra: [entry] }).textExtra).toEqual([extra]);
    expect(normalisePost({ text_extra: [entry] }).textExtra).toEqual([extra]);
  });
});
