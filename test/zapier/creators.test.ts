import { creatorOutputFields, flattenCreator } from '../../src/zapier/creators';
import type { TikTokProfile } from '../../src/tiktok/profile';

describe('creatorOutputFields', () => {
  it('label the search rank first, then every field of a profile', () => {
    expect(creatorOutputFields[0]).toEqual({ key: 'rank', label: 'Search Rank', type: 'number' });
    expect(creatorOutputFields.map((field) => field.key)).toEqual([
      'rank',
      'id',
      'uniqueId',
      'nickname',
      'signature',
      'bioLink',
      'verified',
      'privateAccount',
      'secUid',
      'createTime',
      'createTimeISO',
      'followerCount',
      'followingCount',
      'heartCount',
      'videoCount',
      'diggCount',
      'friendCount',
      'profileUrl',
      'avatarUrl',
      'avatarFile',
    ]);
  });
});

describe('flattenCreator', () => {
  it('gives a match the keys of a profile, its profile link and its rank', () => {
    const profile: TikTokProfile = {
      id: '6958342107654321987',
      uniqueId: 'crumb.and.co',
      nickname: 'Crumb & Co',
      signature: 'Bread nerd. Recipes below 👇',
      bioLink: null,
      verified: false,
      privateAccount: false,
      secUid: 'MS4wLjABAAAAcrumbandco',
      createTime: null,
      createTimeISO: null,
      followerCount: 98213,
      followingCount: 77,
      heartCount: 2310455,
      videoCount: 412,
      diggCount: null,
      friendCount: null,
      avatarUrl: 'https://p16-sign-va.tiktokcdn.com/7c1e.jpeg',
    };
    expect(flattenCreator(profile, 3)).toEqual({
      ...profile,
      profileUrl: 'https://www.tiktok.com/@crumb.and.co',
      rank: 3,
    });
  });
});
