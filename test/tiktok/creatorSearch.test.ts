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
