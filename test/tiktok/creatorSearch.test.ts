import { searchPage } from '../../src/tiktok/creatorSearch';
import { parseAnswer, type JsonObject } from '../../src/tiktok/json';
import { readFixture } from '../helpers';

const page = (name: string) => parseAnswer(readFixture(`search/${name}`)) as JsonObject;

describe('searchPage', () => {
  it('reads each match as a profile, best match first, with the paging fields', () => {
    const read = searchPage(page('page-1'));
    expect(read.cursor).toBe(3);
    expect(read.hasMore).toBe(true);
    expect(read.creators.map((creator) => creator.uniqueId)).toEqual([
      'dumpling.kitchen',
      'dumplingdiaries',
      'dumpling_daddy',
    ]);
    expect(read.creators[1]).toEqual({
      id: '6812345678901234001',
      uniqueId: 'dumplingdiaries',
      nickname: 'Dumpling Diaries 🥟',
      signature: null,
      bioLink: null,
      verified: true,
      privateAccount: false,
      secUid: 'MS4wLjABAAAAdumplingdiaries',
      createTime: null,
      createTimeISO: null,
      followerCount: 2450000,
      followingCount: 100,
      heartCount: 49000000,
      videoCount: 120,
      diggCount: 300,
      friendCount: null,
      avatarUrl: 'https://p16-sign-va.tiktokcdn.com/media/avatar-dumplingdiaries.jpg',
    });
  });

  it('takes search_user_name as the username when uniqueId is absent, and uniqueId when both are sent', () => {
    const read = searchPage({
      userList: [
        { user: { id: '1', search_user_name: 'only.search' } },
        { user: { id: '2', uniqueId: 'unique', search_user_name: 'search' } },
      ],
    });
    expect(read.creators.map((creator) => creator.uniqueId)).toEqual(['only.search', 'unique']);
  });

  it.each([
    [{ userList: [{ stats: { followerCount: 5 } }, { user: {} }, 'x', null] }, 0],
    [{ userList: null, hasMore: false }, 0],
    [{}, 0],
  ])('leaves out matches without a user, and reads an empty page: %j', (body, count) => {
    const read = searchPage(body);
    expect(read.creators).toHaveLength(count);
    expect(read.hasMore).toBe(false);
    expect(read.cursor).toBeNull();
  });

  it('says there is no more unless hasMore is true', () => {
    expect(searchPage({ userList: [], hasMore: 'true', cursor: '20' })).toEqual({
      creators: [],
      hasMore: false,
      cursor: 20,
    });
  });
});

describe('searchPage, TikTok’s own search body', () => {
  it('reads user_list of user_info: counts from the match itself, badge text as verified, time 0 as unknown', () => {
    const read = searchPage(page('tiktok-user-list'));
    expect(read.hasMore).toBe(true);
    expect(read.cursor).toBe(10);
    expect(read.creators).toEqual([
      {
        id: '6812345678901234501',
        uniqueId: 'dumpling.kitchen',
        nickname: 'Dumpling Kitchen',
        signature: 'Folding dumplings daily 🥟\nRecipes ⬇️',
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
      },
      expect.objectContaining({
        id: '6812345678901234502',
        uniqueId: 'dumplinghouse_official',
        verified: true,
        followerCount: 98211,
        diggCount: 0,
        createTimeISO: null,
      }),
      // Its uid came as a 19-digit JSON number; no badge text is no badge.
      expect.objectContaining({
        id: '6812345678901234503',
        uniqueId: 'dumpling.daddy',
        verified: false,
        signature: null,
      }),
      // An answer that names no badge field says nothing of it; a negative time is unknown too.
      expect.objectContaining({ uniqueId: 'dumplingfan99', verified: null, createTime: null, heartCount: 0 }),
    ]);
  });

  it('reads the user card of TikTok’s search cards, leaving the other cards out', () => {
    const read = searchPage(page('tiktok-cards'));
    expect(read.creators.map((creator) => [creator.uniqueId, creator.verified])).toEqual([
      ['dumpling.kitchen', true],
      ['dumplinghouse_official', true],
    ]);
    expect(read.hasMore).toBe(false);
    expect(read.cursor).toBe(12);
  });

  it('reads a user_list card given as the whole answer, and a count it lacks as null', () => {
    const read = searchPage({
      type: 4,
      user_list: [{ user_info: { uid: '9', unique_id: 'card.only', follower_count: 7 } }],
    });
    expect(read.creators).toEqual([
      expect.objectContaining({
        id: '9',
        uniqueId: 'card.only',
        followerCount: 7,
        followingCount: null,
        heartCount: null,
        videoCount: null,
        verified: null,
      }),
    ]);
  });

  it('keeps a user_list entry that already has the web shape, and leaves out one with no user', () => {
    const read = searchPage({
      user_list: [{ user: { uniqueId: 'web.shaped' }, stats: { followerCount: 3 } }, { position: 1 }],
    });
    expect(read.creators.map((creator) => [creator.uniqueId, creator.followerCount])).toEqual([
      ['web.shaped', 3],
    ]);
  });
});
