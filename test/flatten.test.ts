import fc from 'fast-check';

import { canonicalUrl, flattenVideo, hashtagsOf } from '../src/flatten';
import { outputFields } from '../src/outputFields';
import documented from './fixtures/documented-example.json';
import sparse from './fixtures/sparse-video.json';

// Every output key but the file pointers, which the lookup adds after flattening.
const topLevelKeys = [
  ...new Set(
    outputFields
      .filter((field) => field.type !== 'file')
      .map((field) => field.key.split('[]')[0] ?? field.key),
  ),
].sort();

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
      statsDiggCount: 12345,
      statsShareCount: 678,
      statsCommentCount: 234,
      statsPlayCount: 567890,
      statsCollectCount: 123,
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
      challenges: documented.challenges,
      textExtra: documented.textExtra,
    });
  });

  it('gives null for every key of a missing music, author or stats block, and keeps extra fields', () => {
    const flat = flattenVideo(sparse);
    expect(
      Object.keys(flat)
        .filter((key) => key !== 'isAd')
        .sort(),
    ).toEqual(topLevelKeys);
    for (const key of Object.keys(flat).filter((k) => /^(music|author|stats)[A-Z]/.test(k))) {
      expect(flat[key]).toBeNull();
    }
    expect(flat.url).toBeNull();
    expect(flat.engagementRate).toBeNull();
    expect(flat.authorProfileUrl).toBeNull();
    expect(flat.durationText).toBe('0:09');
    expect(flat.videoDuration).toBe(9);
    expect(flat.videoHeight).toBeNull();
    expect(flat.hashtags).toBeNull();
    expect(flat.isAd).toBe(false);
    expect(flat).not.toHaveProperty('music');
    expect(flat).not.toHaveProperty('video');
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
      author: 'someone',
      challenges: { title: 'not a list' },
      textExtra: [null, 'x', { hashtagName: 'kept' }],
      duetEnabled: 'yes',
    });
    expect(flat.id).toBe('7321234567890123');
    expect(flat.statsPlayCount).toBeNull();
    expect(flat.statsDiggCount).toBeNull();
    expect(flat.authorUniqueId).toBeNull();
    expect(flat.challenges).toEqual([]);
    expect(flat.textExtra).toEqual([{ hashtagName: 'kept' }]);
    expect(flat.duetEnabled).toBeNull();
  });
});

describe('hashtagsOf', () => {
  it('lists description hashtags then challenges, without # or repeats, in order of first appearance', () => {
    expect(
      hashtagsOf(
        [
          { hashtagName: 'FoodTok' },
          { hashtagName: '#cooking' },
          { userUniqueId: 'friend' },
          { hashtagName: '' },
        ],
        [{ title: 'cooking' }, { title: 'foodtok' }, { title: 'dumplings' }, { title: 7 }],
      ),
    ).toBe('FoodTok, cooking, dumplings');
  });

  it('is null when there are no hashtags', () => {
    expect(hashtagsOf([], [])).toBeNull();
  });

  it('keeps unicode hashtags', () => {
    expect(hashtagsOf([{ hashtagName: '餃子' }, { hashtagName: 'café' }], [])).toBe('餃子, café');
  });
});

describe('canonicalUrl', () => {
  it('builds the video page address from the username and id', () => {
    expect(canonicalUrl('dumpling.kitchen', '1')).toBe('https://www.tiktok.com/@dumpling.kitchen/video/1');
  });

  it.each([
    [null, '1'],
    ['user', null],
    ['', '1'],
  ])('is null without both parts (%j, %j)', (user, id) => {
    expect(canonicalUrl(user, id)).toBeNull();
  });
});

describe('flattenVideo, property-based', () => {
  const fieldTypes = new Map(
    outputFields.filter((field) => !field.key.includes('[]')).map((field) => [field.key, field.type]),
  );
  const typeAgrees = (key: string, value: unknown): boolean => {
    const type = fieldTypes.get(key);
    if (value === null || type === undefined) return true;
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
      }),
    );
  });
});
