import { cursorOf, hasMore, isPage, listOf } from '../../src/tiktok/page';

describe('isPage', () => {
  it.each([
    ['TikTok’s app page', { aweme_list: [], has_more: 0 }, 'posts', true],
    ['TikTok’s web page without paging fields', { itemList: [{ id: '1' }] }, 'posts', true],
    ['an empty app page whose list is null', { has_more: 0, aweme_list: null }, 'posts', true],
    ['a refusal with no list', { statusCode: 10222 }, 'posts', true],
    ['an empty web page with only a cursor', { itemList: null, cursor: '0' }, 'posts', true],
    ['a max_cursor alone', { max_cursor: '0' }, 'posts', true],
    ['DumplingAI’s search page', { userList: [], hasMore: false }, 'creators', true],
    ['TikTok’s search body', { user_list: [], has_more: 1 }, 'creators', true],
    ['TikTok’s search cards', { data: [{ type: 4, user_list: [] }] }, 'creators', true],
    ['a comments page', { comments: [] }, 'comments', true],
    ['a comments page of TikTok’s reply list', { comments: null, has_more: 0 }, 'comments', true],
    ['another kind’s list', { comments: [] }, 'posts', false],
    ['a list that is no list, with paging fields', { aweme_list: 'x', has_more: 0 }, 'posts', false],
    ['an object with neither', { total: 0 }, 'comments', false],
    ['a list', [], 'posts', false],
    ['null', null, 'posts', false],
  ] as const)('%s: %j is a page of %s: %s', (_, data, kind, expected) => {
    expect(isPage(data, kind)).toBe(expected);
  });
});

describe('hasMore', () => {
  it.each([
    [{ has_more: 1 }, true],
    [{ has_more: true }, true],
    [{ hasMore: true }, true],
    [{ hasMore: 1 }, true],
    [{ has_more: 0, hasMore: true }, true],
    [{ hasMore: false, has_more: 1 }, false],
    [{ has_more: 0 }, false],
    [{ hasMore: 'true' }, false],
    [{ has_more: '1' }, false],
    [{}, false],
  ])('%j says more follow: %s', (page, expected) => {
    expect(hasMore(page)).toBe(expected);
  });
});

describe('listOf', () => {
  it('takes the first spelling that holds a list, and nothing when none does', () => {
    expect(listOf({ aweme_list: null, itemList: ['web'] }, 'posts')).toEqual(['web']);
    expect(listOf({ aweme_list: ['app'], itemList: ['web'] }, 'posts')).toEqual(['app']);
    expect(listOf({ aweme_list: 'x' }, 'posts')).toEqual([]);
    expect(listOf({ comments: [1] }, 'comments')).toEqual([1]);
  });
});

describe('cursorOf', () => {
  it.each([
    [{ cursor: 20 }, 20],
    [{ cursor: '20' }, 20],
    [{ cursor: 0 }, null],
    [{ cursor: -1 }, null],
    [{ cursor: 'next' }, null],
    [{}, null],
  ])('reads %j as the next cursor %j', (page, cursor) => {
    expect(cursorOf(page)).toBe(cursor);
  });
});
