import { canonicalUrl, flattenVideo, hashtagsOf } from '../src/flatten';
import { outputFields } from '../src/outputFields';
import documented from './fixtures/documented-example.json';
import sparse from './fixtures/sparse-video.json';

// Every output key but the file pointers, which the lookup adds after flattening.
const topLevelKeys = [
  ...new Set(outputFields.filter((field) => field.type !== 'file').map((field) => field.key.split('[]')[0])),
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
