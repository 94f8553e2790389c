import fc from 'fast-check';

import sandboxVideos from '../../sandbox/videos.json';
import documented from '../fixtures/documented-example.json';
import sparse from '../fixtures/sparse-video.json';
import { readFixture } from '../helpers';
import { flattenVideo } from '../../src/zapier/flatten';
import { outputFields } from '../../src/zapier/outputFields';
import { parseAnswer } from '../../src/tiktok/json';

// Every output key but the file pointers, which the lookup adds after flattening.
const topLevelKeys = [
  ...new Set(
    outputFields
      // Files and the transcript are pointers the steps add; the flat post has neither.
      .filter((field) => field.type !== 'file' && field.key !== 'transcript')
      .map((field) => field.key.split('[]')[0] ?? field.key),
  ),
].sort();

const flatOf = (fixture: string) => flattenVideo(parseAnswer(readFixture(fixture)));

/** The fields Zapier shows once it spreads an output: nested keys joined, line items by key. */
const spreadKeys = (value: unknown, prefix = ''): string[] => {
  if (Array.isArray(value)) {
    const entries = value.flatMap((entry) => spreadKeys(entry, `${prefix}[]`));
    return [...new Set(entries.length > 0 ? entries : [prefix])];
  }
  if (typeof value === 'object' && value !== null) {
    return [
      ...new Set(
        Object.entries(value).flatMap(([key, entry]) =>
          spreadKeys(
            entry,
            prefix === '' ? key : prefix.endsWith('[]') ? `${prefix}${key}` : `${prefix}__${key}`,
          ),
        ),
      ),
    ];
  }
  return [prefix];
};

describe('flattenVideo', () => {
  it('flattens the documented example', () => {
    expect(flattenVideo(documented)).toEqual({
      id: '7321234567890123456',
      url: 'https://www.tiktok.com/@username/video/7321234567890123456',
      desc: 'This is the video description with #hashtags',
      createTime: 1704067200,
      createTimeISO: '2024-01-01T00:00:00.000Z',
      hashtags: 'hashtag1, hashtagname',
      authorId: '6659752019493208069',
      authorUniqueId: 'username',
      authorNickname: 'Display Name',
      authorAvatarThumb: 'https://...jpeg',
      authorSignature: 'User bio text',
      authorVerified: true,
      authorPrivateAccount: false,
      authorProfileUrl: 'https://www.tiktok.com/@username',
      authorFollowerCount: null,
      authorFollowingCount: null,
      authorHeartCount: null,
      authorVideoCount: null,
      statsDiggCount: 12345,
      statsShareCount: 678,
      statsCommentCount: 234,
      statsPlayCount: 567890,
      statsCollectCount: 123,
      statsRepostCount: null,
      engagementRate: 2.36,
      musicId: '7123456789',
      musicTitle: 'Song Title',
      musicPlayUrl: 'https://...mp3',
      musicAuthorName: 'Artist Name',
      musicOriginal: false,
      musicDuration: 15,
      videoId: 'v123',
      videoHeight: 1024,
      videoWidth: 576,
      videoDuration: 15,
      videoRatio: '720p',
      videoCover: 'https://...jpg',
      videoDownloadAddr: 'https://...mp4',
      videoPlayAddr: 'https://...mp4',
      videoFormat: 'mp4',
      videoBitrate: 1234567,
      durationText: '0:15',
      mentions: null,
      duetEnabled: true,
      stitchEnabled: true,
      shareEnabled: true,
      isPhotoPost: false,
      imageCount: 0,
      photoTitle: null,
      locationCreated: null,
      textLanguage: null,
      isAd: null,
      isAiGenerated: null,
      challenges: [
        { id: '123456', title: 'hashtagname', desc: 'Hashtag description', coverThumb: 'https://...jpeg' },
      ],
      textExtra: [{ hashtagName: 'hashtag1', hashtagId: '123', userUniqueId: null, start: 10, end: 19 }],
      images: [],
    });
  });

  it('flattens a 2025 web item: text numbers, exact statsV2 counts, author stats, nothing unlabelled', () => {
    expect(flatOf('web-item-2025')).toEqual({
      id: '7524919477404745385',
      url: 'https://www.tiktok.com/@garden.notes/video/7524919477404745385',
      desc: 'Three tomato tricks with @urban.grower 🍅 #gardening #growyourownfood',
      createTime: 1752031845,
      createTimeISO: '2025-07-09T03:30:45.000Z',
      hashtags: 'gardening, growyourownfood',
      authorId: '6812345678901234567',
      authorUniqueId: 'garden.notes',
      authorNickname: 'Garden Notes 🌱',
      authorAvatarThumb:
        'https://p16-common-sign.tiktokcdn-us.com/tos-useast5-avt-0068-tx/a1b2c3~tplv-tiktokx-cropcenter:100:100.jpeg?x-expires=1752206400&x-signature=ghi',
      authorSignature: 'Small gardens, big harvests.\nNew video every Wednesday',
      authorVerified: true,
      authorPrivateAccount: false,
      authorProfileUrl: 'https://www.tiktok.com/@garden.notes',
      authorFollowerCount: 1831942,
      authorFollowingCount: 212,
      authorHeartCount: 45123890,
      authorVideoCount: 734,
      statsDiggCount: 412388,
      statsShareCount: 5231,
      statsCommentCount: 1204,
      statsPlayCount: 9412345,
      statsCollectCount: 8817,
      statsRepostCount: 97,
      // (412388 + 1204 + 5231 + 8817) / 9412345 × 100 = 4.5434…
      engagementRate: 4.54,
      musicId: '7524919512345678901',
      musicTitle: 'original sound - garden.notes',
      musicPlayUrl: null,
      musicAuthorName: 'Garden Notes 🌱',
      musicOriginal: true,
      musicDuration: 42,
      videoId: '7524919477404745385',
      videoHeight: 1280,
      videoWidth: 720,
      videoDuration: 42,
      videoRatio: '720p',
      videoCover:
        'https://p16-common-sign.tiktokcdn-us.com/tos-useast5-p-0068-tx/oA1b2c3~tplv-tiktokx-origin.image?x-expires=1752206400&x-signature=jkl',
      videoDownloadAddr: null,
      videoPlayAddr:
        'https://v16-webapp-prime.us.tiktok.com/video/tos/useast5/play.mp4?a=1988&expire=1752206400&l=2025',
      videoFormat: 'mp4',
      videoBitrate: 1189554,
      durationText: '0:42',
      mentions: 'urban.grower',
      duetEnabled: true,
      stitchEnabled: true,
      shareEnabled: true,
      isPhotoPost: false,
      imageCount: 0,
      photoTitle: null,
      locationCreated: 'US',
      textLanguage: 'en',
      isAd: false,
      isAiGenerated: false,
      challenges: [
        { id: '24521', title: 'gardening', desc: null, coverThumb: null },
        { id: '1619584563870722', title: 'growyourownfood', desc: 'Grow what you eat.', coverThumb: null },
      ],
      textExtra: [
        { hashtagName: null, hashtagId: null, userUniqueId: 'urban.grower', start: 25, end: 38 },
        { hashtagName: 'gardening', hashtagId: null, userUniqueId: null, start: 42, end: 52 },
        { hashtagName: 'growyourownfood', hashtagId: null, userUniqueId: null, start: 53, end: 69 },
      ],
      images: [],
    });
  });

  it('keeps a 2025 web item to at most 90 fields once Zapier spreads it', () => {
    expect(spreadKeys(flatOf('web-item-2025')).length).toBeLessThanOrEqual(90);
    expect(spreadKeys(flatOf('web-item-2025')).filter((key) => key.includes('__'))).toEqual([]);
  });

  // Declared keys as Zapier spreads them: line items as `list[]key`, an empty list as `list`.
  const declared = new Set(
    outputFields
      // Files and the transcript are pointers the steps add; the flat post has neither.
      .filter((field) => field.type !== 'file' && field.key !== 'transcript')
      .flatMap((field) => [field.key, field.key.split('[]')[0] ?? field.key]),
  );
  it.each([
    ...['documented-example', 'web-item-2025', 'photo-post', 'old-page', 'app-aweme', 'sparse-video'].map(
      (name) => [name, parseAnswer(readFixture(name))],
    ),
    ...sandboxVideos.map((video) => [`sandbox video ${video.id}`, video]),
  ])('gives no key that is not a declared output field, on %s', (_name, raw) => {
    expect(spreadKeys(flattenVideo(raw)).filter((key) => !declared.has(key))).toEqual([]);
  });

  it('flattens a photo post: images as line items, its cover and title, no video length or addresses', () => {
    expect(flatOf('photo-post')).toMatchObject({
      id: '7477969281306526825',
      url: 'https://www.tiktok.com/@mika.travels/video/7477969281306526825',
      createTimeISO: '2025-03-04T15:00:00.000Z',
      isPhotoPost: true,
      imageCount: 4,
      photoTitle: 'Kyoto, spring',
      images: [
        {
          url: 'https://p16-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/a1~tplv-photomode-image.jpeg',
          width: 1080,
          height: 1440,
        },
        {
          url: 'https://p16-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/a2~tplv-photomode-image.jpeg',
          width: 1080,
          height: 1350,
        },
        {
          url: 'https://p16-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/a3~tplv-photomode-image.jpeg',
          width: 1080,
          height: 1080,
        },
        { url: null, width: 1080, height: 1920 },
      ],
      videoCover:
        'https://p16-sign-sg.tiktokcdn.com/tos-alisg-i-photomode-sg/cover~tplv-photomode-image-cover:640:0:q70.webp',
      videoId: null,
      videoDuration: null,
      durationText: null,
      videoPlayAddr: null,
      videoDownloadAddr: null,
      videoHeight: null,
      videoWidth: null,
      videoBitrate: null,
      statsPlayCount: 203117,
      statsRepostCount: 0,
      isAiGenerated: true,
      locationCreated: 'JP',
      musicPlayUrl: 'https://sf16-ies-music-sg.tiktokcdn.com/obj/tos-alisg-ve-2774/lofi.mp3',
    });
  });

  it('flattens an older page, where the author is the handle and its fields stand at the top', () => {
    expect(flatOf('old-page')).toMatchObject({
      id: '6871947674213611163',
      url: 'https://www.tiktok.com/@latte.lab/video/6871947674213611163',
      createTime: 1600000000,
      createTimeISO: '2020-09-13T12:26:40.000Z',
      authorId: '6700000000000000001',
      authorUniqueId: 'latte.lab',
      authorNickname: 'Latte Lab ☕',
      authorAvatarThumb: 'https://p16-sign-va.tiktokcdn.com/avatar-thumb.jpeg',
      authorPrivateAccount: false,
      authorHeartCount: 61000,
      hashtags: 'coffee, latteart',
      mentions: 'barista.jo',
      statsCollectCount: null,
      engagementRate: 6.78,
      musicDuration: null,
      challenges: [
        { id: '1579', title: 'coffee', desc: null, coverThumb: 'https://p16.tiktokcdn.com/coffee.jpeg' },
        { id: '17171', title: 'latteart', desc: 'Pour it pretty', coverThumb: null },
      ],
    });
    expect(flatOf('old-page')).not.toHaveProperty('authorSecId');
  });

  it('flattens TikTok app JSON: snake_case, milliseconds, url lists, ids kept whole', () => {
    expect(flatOf('app-aweme')).toMatchObject({
      id: '7454730070085839471',
      url: 'https://www.tiktok.com/@crumb.and.co/video/7454730070085839471',
      createTime: 1735689600,
      createTimeISO: '2025-01-01T00:00:00.000Z',
      authorId: '6958342107654321987',
      authorUniqueId: 'crumb.and.co',
      authorAvatarThumb: 'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/7c1e~c5_100x100.webp',
      authorPrivateAccount: false,
      authorFollowerCount: 98213,
      authorFollowingCount: 77,
      authorHeartCount: 2310455,
      authorVideoCount: 412,
      statsDiggCount: 120455,
      statsShareCount: 4310,
      statsCommentCount: 932,
      statsPlayCount: 1776621,
      statsCollectCount: 15234,
      statsRepostCount: 58,
      engagementRate: 7.93,
      musicId: '7454729999999999999',
      musicPlayUrl: 'https://sf16-ies-music-va.tiktokcdn.com/obj/tos-useast2a-ve-2774/sourdough.mp3',
      musicAuthorName: 'Crumb & Co',
      musicOriginal: true,
      videoId: 'v12044gd0000ctol0ffog65hhq8m5v6g',
      videoDuration: 27.3,
      durationText: '0:27',
      videoCover: 'https://p16-sign-va.tiktokcdn.com/cover.jpeg',
      videoPlayAddr: 'https://v16m.tiktokcdn.com/video/tos/useast2a/play.mp4',
      videoDownloadAddr: 'https://v16m.tiktokcdn.com/video/tos/useast2a/download.mp4',
      videoBitrate: 967610,
      hashtags: 'sourdough, baking',
      duetEnabled: true,
      stitchEnabled: false,
      locationCreated: 'GB',
      textLanguage: 'en',
      isAd: false,
      isAiGenerated: false,
      challenges: [
        { id: '13311', title: 'sourdough', desc: 'Wild yeast, patience.', coverThumb: null },
        { id: '5225', title: 'baking', desc: null, coverThumb: null },
      ],
    });
  });

  it('gives null for every key of a missing music, author or stats block', () => {
    const flat = flattenVideo(sparse);
    expect(Object.keys(flat).sort()).toEqual(topLevelKeys);
    for (const [key, value] of Object.entries(flat).filter(([k]) => /^(music|author|stats)[A-Z]/.test(k))) {
      expect([key, value]).toEqual([key, null]);
    }
    expect(flat.url).toBeNull();
    expect(flat.engagementRate).toBeNull();
    expect(flat.durationText).toBe('0:09');
    expect(flat.videoHeight).toBeNull();
    expect(flat.hashtags).toBeNull();
    expect(flat.isAd).toBe(false);
  });

  it.each([null, 'text', 42, [], [documented], true])(
    'returns every output key for the non-object %j',
    (value) => {
      const flat = flattenVideo(value);
      expect(Object.keys(flat).sort()).toEqual(topLevelKeys);
      expect(flat.challenges).toEqual([]);
    },
  );

  it('turns values of the wrong type into null instead of passing them on', () => {
    const flat = flattenVideo({
      id: 7321234567890123,
      stats: { playCount: '1.2M', diggCount: Number.NaN },
      author: { uniqueId: ['someone'] },
      challenges: { title: 'not a list' },
      textExtra: [null, 'x', { hashtagName: 'kept', extra: 'dropped' }],
      duetEnabled: 'yes',
    });
    expect(flat.id).toBe('7321234567890123');
    expect(flat.statsPlayCount).toBeNull();
    expect(flat.statsDiggCount).toBeNull();
    expect(flat.authorUniqueId).toBeNull();
    expect(flat.challenges).toEqual([]);
    expect(flat.textExtra).toEqual([
      { hashtagName: 'kept', hashtagId: null, userUniqueId: null, start: null, end: null },
    ]);
    expect(flat.duetEnabled).toBeNull();
  });
});

describe('flattenVideo: hashtags', () => {
  it('lists description hashtags then challenges, without # or repeats, in order of first appearance', () => {
    const flat = flattenVideo({
      textExtra: [
        { hashtagName: 'FoodTok' },
        { hashtagName: '#cooking' },
        { userUniqueId: 'friend' },
        { hashtagName: ' # ' },
      ],
      challenges: [{ title: 'cooking' }, { title: 'foodtok' }, { title: 'dumplings' }, { title: null }],
    });
    expect(flat.hashtags).toBe('FoodTok, cooking, dumplings');
  });

  it('is null when there are no hashtags', () => {
    expect(flattenVideo({ textExtra: [], challenges: [] }).hashtags).toBeNull();
    expect(flattenVideo({ desc: 'no tags, only a # and an @name' }).hashtags).toBeNull();
  });

  it('takes the tags written in the description when the answer has no hashtag entities', () => {
    expect(
      flattenVideo({
        desc: 'Sunday #SoupDumplings, #recipe!#餃子 #soupdumplings #café_au_lait # #',
        textExtra: [{ userUniqueId: 'friend' }],
      }).hashtags,
    ).toBe('SoupDumplings, recipe, 餃子, café_au_lait');
  });

  it('keeps a letter’s accent typed as a separate mark (e then U+0301, as some keyboards send) in the tag', () => {
    expect(flattenVideo({ desc: 'brunch #cafe\u0301 #nai\u0308ve' }).hashtags).toBe(
      'cafe\u0301, nai\u0308ve',
    );
  });

  it('trusts the entities over the description when the answer has them', () => {
    expect(flattenVideo({ desc: '#one #two', textExtra: [{ hashtagName: 'one' }] }).hashtags).toBe('one');
    expect(flattenVideo({ desc: '#one #two', challenges: [{ title: 'two' }] }).hashtags).toBe('two');
  });

  it('keeps unicode hashtags', () => {
    expect(flattenVideo({ textExtra: [{ hashtagName: '餃子' }, { hashtagName: 'café' }] }).hashtags).toBe(
      '餃子, café',
    );
  });
});

describe('flattenVideo: the post’s address', () => {
  it('builds the video page address from the username and id', () => {
    expect(flattenVideo({ id: '1', author: { uniqueId: 'dumpling.kitchen' } }).url).toBe(
      'https://www.tiktok.com/@dumpling.kitchen/video/1',
    );
  });

  it.each([[{ id: '1' }], [{ author: { uniqueId: 'user' } }], [{ id: '1', author: { uniqueId: '' } }]])(
    'is null without both parts (%j)',
    (raw) => {
      expect(flattenVideo(raw).url).toBeNull();
    },
  );
});

describe('flattenVideo, property-based', () => {
  const fieldTypes = new Map(
    outputFields.filter((field) => !field.key.includes('[]')).map((field) => [field.key, field.type]),
  );
  const typeAgrees = (key: string, value: unknown): boolean => {
    const type = fieldTypes.get(key);
    // A key without a declared field would reach Zaps unlabelled.
    if (type === undefined) return ['challenges', 'textExtra', 'images'].includes(key);
    if (value === null) return true;
    if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
    if (type === 'boolean') return typeof value === 'boolean';
    return typeof value === 'string';
  };
  const apiShaped = fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      author: fc.anything(),
      stats: fc.oneof(
        fc.anything(),
        fc.record({ playCount: fc.oneof(fc.integer(), fc.double(), fc.string()), diggCount: fc.anything() }),
      ),
      music: fc.anything(),
      video: fc.anything(),
      challenges: fc.anything(),
      textExtra: fc.oneof(fc.anything(), fc.array(fc.dictionary(fc.string(), fc.jsonValue()))),
    },
    { requiredKeys: [] },
  );

  it('never throws and always returns every output key with a value of its type, for any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), apiShaped), (value) => {
        const flat = flattenVideo(value);
        for (const key of topLevelKeys) expect(flat).toHaveProperty(key);
        for (const [key, fieldValue] of Object.entries(flat))
          expect([key, typeAgrees(key, fieldValue)]).toEqual([key, true]);
        expect(Array.isArray(flat.challenges) && Array.isArray(flat.textExtra)).toBe(true);
        expect(Array.isArray(flat.images)).toBe(true);
      }),
    );
  });
});
