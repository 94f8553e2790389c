import fc from 'fast-check';

import { parseAnswer } from '../../src/tiktok/json';
import { normaliseProfile, verifiedOf } from '../../src/tiktok/profile';
import sample from '../../src/zapier/samples/profile.json';
import heartOnly from '../fixtures/creators/profile-heart-only.json';
import noStats from '../fixtures/creators/profile-no-stats.json';
import privateProfile from '../fixtures/creators/profile-private.json';
import { readFixture } from '../helpers';

describe('normaliseProfile', () => {
  it('reads TikTok’s app user object: no 1970 for its create_time of 0, verified from its badge text', () => {
    expect(normaliseProfile(parseAnswer(readFixture('creators/profile-app-user')))).toEqual({
      id: '6812345678901234501',
      uniqueId: 'dumpling.kitchen',
      nickname: 'Dumpling Kitchen',
      signature: 'Folding dumplings daily 🥟',
      bioLink: null,
      verified: true,
      privateAccount: false,
      secUid: 'MS4wLjABAAAAdumpling_kitchen',
      createTime: null,
      createTimeISO: null,
      followerCount: 1830004,
      followingCount: 212,
      heartCount: 48200113,
      videoCount: 301,
      diggCount: 1200,
      friendCount: null,
      avatarUrl: 'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/dumpling.kitchen~c5_1080x1080.webp',
    });
  });

  it.each([
    [{ create_time: 0 }, null, null],
    [{ createTime: 0 }, null, null],
    [{ create_time: -1 }, null, null],
    [{ create_time: '0' }, null, null],
    [{}, null, null],
    [{ create_time: 1585872000 }, 1585872000, '2020-04-03T00:00:00.000Z'],
    [{ createTime: '1585872000' }, 1585872000, '2020-04-03T00:00:00.000Z'],
    [{ createTime: 0, create_time: 1585872000 }, 1585872000, '2020-04-03T00:00:00.000Z'],
  ])('reads a user’s time %j as %j (%j), never 1970', (user, createTime, createTimeISO) => {
    expect(normaliseProfile({ user: { uniqueId: 'a', ...user } })).toMatchObject({
      createTime,
      createTimeISO,
    });
  });

  it('reads the web shape with exact statsV2 counts over the rounded stats', () => {
    expect(normaliseProfile(sample)).toEqual({
      id: '6812345678901234567',
      uniqueId: 'dumpling.kitchen',
      nickname: 'Dumpling Kitchen',
      signature: 'Dumplings from scratch, every Sunday.',
      bioLink: 'https://dumpling.kitchen/recipes',
      verified: false,
      privateAccount: false,
      secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
      createTime: 1585872000,
      createTimeISO: '2020-04-03T00:00:00.000Z',
      followerCount: 182431,
      followingCount: 312,
      heartCount: 4213377,
      videoCount: 241,
      diggCount: 1520,
      friendCount: 58,
      avatarUrl: 'https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/dumpling~c5_1080x1080.jpeg',
    });
  });

  it('reads the total likes from the older `heart` when `heartCount` is absent', () => {
    expect(normaliseProfile(heartOnly)).toMatchObject({
      heartCount: 2100000,
      followerCount: 51200,
      friendCount: null,
      avatarUrl: 'https://p16-sign-sg.tiktokcdn.com/tos-alisg-avt-0068/mika~c5_100x100.jpeg',
    });
  });

  it('gives null counts, not zeros, when the answer has no stats (as the documented example)', () => {
    expect(normaliseProfile(noStats)).toMatchObject({
      id: '7012345678901234567',
      followerCount: null,
      followingCount: null,
      heartCount: null,
      videoCount: null,
      diggCount: null,
      signature: null,
      bioLink: null,
      avatarUrl: null,
    });
  });

  it('says a private account is private, keeping its real zeros', () => {
    expect(normaliseProfile(privateProfile)).toMatchObject({
      privateAccount: true,
      heartCount: 0,
      diggCount: 0,
    });
  });

  it('reads TikTok’s userInfo wrapper and the app’s snake_case', () => {
    expect(
      normaliseProfile({
        userInfo: {
          user: {
            uid: 7012345678901234567n.toString(),
            unique_id: 'app.user',
            sec_uid: 'MS4wLjABAAAAapp',
            create_time: '1600000000',
            secret: 1,
            follower_count: 10,
            following_count: 2,
            total_favorited: 30,
            aweme_count: 4,
            favoriting_count: 5,
            friend_count: 1,
            avatar_larger: { url_list: ['https://p16.tiktokcdn.com/a.jpeg'] },
            bio_url: 'https://example.com',
          },
        },
      }),
    ).toEqual({
      id: '7012345678901234567',
      uniqueId: 'app.user',
      nickname: null,
      signature: null,
      bioLink: 'https://example.com',
      verified: null,
      privateAccount: true,
      secUid: 'MS4wLjABAAAAapp',
      createTime: 1600000000,
      createTimeISO: '2020-09-13T12:26:40.000Z',
      followerCount: 10,
      followingCount: 2,
      heartCount: 30,
      videoCount: 4,
      diggCount: 5,
      friendCount: 1,
      avatarUrl: 'https://p16.tiktokcdn.com/a.jpeg',
    });
  });

  it('takes an exact statsV2 heart over a rounded stats heartCount', () => {
    expect(
      normaliseProfile({ user: { id: '1' }, stats: { heartCount: 4200000 }, statsV2: { heart: '4213377' } })
        .heartCount,
    ).toBe(4213377);
  });

  it('takes heartCount over its older name heart where an answer carries both, in stats and in statsV2', () => {
    expect(normaliseProfile({ user: { id: '1' }, stats: { heartCount: 30, heart: 20 } }).heartCount).toBe(30);
    expect(
      normaliseProfile({
        user: { id: '1' },
        statsV2: { heartCount: '31', heart: '21' },
        stats: { heart: 20 },
      }).heartCount,
    ).toBe(31);
  });

  it('falls back to the medium avatar, then the app’s thumbnail', () => {
    expect(
      normaliseProfile({ user: { id: '1', avatarMedium: 'https://p16.tiktokcdn.com/m.jpeg' } }).avatarUrl,
    ).toBe('https://p16.tiktokcdn.com/m.jpeg');
    expect(
      normaliseProfile({
        user: { id: '1', avatar_thumb: { url_list: ['https://p16.tiktokcdn.com/t.jpeg'] } },
      }).avatarUrl,
    ).toBe('https://p16.tiktokcdn.com/t.jpeg');
  });

  it('prefers the exact text counts of statsV2, and reads statsV2.heart too', () => {
    expect(
      normaliseProfile({
        user: { id: '1' },
        stats: { heart: 100 },
        statsV2: { heart: '123', followerCount: '1.2M' },
      }),
    ).toMatchObject({ heartCount: 123, followerCount: null });
  });

  it('never throws, and gives a number or null for every count, for any JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ user: fc.anything(), stats: fc.dictionary(fc.string(), fc.anything()) }),
        ),
        (raw) => {
          const profile = normaliseProfile(raw);
          for (const count of [
            profile.followerCount,
            profile.heartCount,
            profile.videoCount,
            profile.createTime,
          ]) {
            expect(count === null || Number.isFinite(count)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('verifiedOf', () => {
  it.each([
    [{ verified: true }, true],
    [{ verified: false, custom_verify: 'Popular creator' }, false],
    [{ custom_verify: 'Popular creator' }, true],
    [{ custom_verify: '', enterprise_verify_reason: 'verified account' }, true],
    [{ enterprise_verify_reason: 'verified account' }, true],
    [{ custom_verify: '', enterprise_verify_reason: '' }, false],
    [{ custom_verify: '  ' }, false],
    [{ enterprise_verify_reason: '' }, false],
    [{ custom_verify: null }, null],
    [{ verified: 'true' }, null],
    [{}, null],
  ])('reads %j as %j', (user, expected) => {
    expect(verifiedOf(user)).toBe(expected);
  });

  it('takes another boolean the answer carries before the badge text', () => {
    expect(verifiedOf({ custom_verify: 'Popular creator' }, false)).toBe(false);
    expect(verifiedOf({ custom_verify: '' }, true)).toBe(true);
    expect(verifiedOf({ verified: false }, true)).toBe(false);
    expect(verifiedOf({}, 'yes')).toBeNull();
  });
});
