import { nextCursorOf, postsOnPage } from '../../src/tiktok/creatorPosts';
import { parseAnswer, type JsonObject } from '../../src/tiktok/json';
import { readFixture } from '../helpers';

const post = (id: string, createTime: number | null, extra: Record<string, unknown> = {}) => ({
  aweme_id: id,
  create_time: createTime,
  ...extra,
});
const pinnedOf = (page: Record<string, unknown>) =>
  postsOnPage(page).map(({ post: item, pinned }) => [item.aweme_id, pinned]);

describe('postsOnPage', () => {
  it('marks leading posts older than a later one as pinned, and nothing after the first that is not', () => {
    expect(
      pinnedOf({
        aweme_list: [post('a', 100), post('b', 200), post('c', 900), post('d', 800), post('e', 100)],
      }),
    ).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
      ['e', false],
    ]);
  });

  it('marks pinned posts that are newest first among themselves, and only a run of them from the top', () => {
    expect(
      pinnedOf({ aweme_list: [post('a', 200), post('b', 100), post('c', 900), post('d', 800)] }),
    ).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
    ]);
    expect(pinnedOf({ aweme_list: [post('a', 1000), post('b', 100), post('c', 500)] })).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
  });

  it('does not take a post for pinned when a later one has the same time', () => {
    expect(pinnedOf({ aweme_list: [post('a', 5), post('b', 5)] })).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('marks at most TikTok’s three pinned posts by order alone', () => {
    expect(
      pinnedOf({ aweme_list: [post('a', 1), post('b', 2), post('c', 3), post('d', 4), post('e', 5)] }),
    ).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', false],
      ['e', false],
    ]);
  });

  it('trusts TikTok’s own flags where the answer has them', () => {
    expect(
      pinnedOf({
        aweme_list: [
          post('a', 900, { is_top: 0 }),
          post('b', 950, { is_top: 1 }),
          post('c', 100, { isPinnedItem: true }),
          post('d', 800),
        ],
      }),
    ).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', false],
    ]);
  });

  it('marks nothing on a page that is newest first, or whose times are unknown', () => {
    expect(pinnedOf({ aweme_list: [post('a', 3), post('b', 2), post('c', 1)] })).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
    expect(pinnedOf({ aweme_list: [post('a', null), post('b', 5)] })).toEqual([
      ['a', false],
      ['b', false],
    ]);
  });

  it('reads the web shape’s itemList, and an empty or missing list as no posts', () => {
    expect(pinnedOf({ itemList: [{ id: 'w', createTime: 1 }] })).toEqual([[undefined, false]]);
    expect(postsOnPage({ aweme_list: null, has_more: 0 })).toEqual([]);
    expect(postsOnPage({ aweme_list: [1, 'x', null, post('a', 1)] })).toHaveLength(1);
  });

  it('reads every post of a long page, leaving the cut to the trigger after it sorts them', () => {
    const posts = Array.from({ length: 150 }, (_, index) => post(`p${index}`, 1000 - index));
    expect(postsOnPage({ aweme_list: posts })).toHaveLength(150);
  });
});

describe('postsOnPage, for an old post pinned after Zapier’s baseline', () => {
  // A page with more behind it: 'old' is pinned and older than every unpinned post on it.
  const page = (more: Record<string, unknown>) => ({
    ...more,
    aweme_list: [
      post('old', 100, { is_top: 1 }),
      post('mid', 500, { is_top: 1 }),
      post('c', 900),
      post('d', 300),
    ],
  });

  it.each([{ has_more: 1 }, { has_more: true }, { hasMore: true }])(
    'leaves out a pinned post older than every other post of a page with more behind it (%j)',
    (more) => {
      expect(pinnedOf(page(more))).toEqual([
        ['mid', true],
        ['c', false],
        ['d', false],
      ]);
    },
  );

  it.each([{ has_more: 0 }, { hasMore: false }, {}, { has_more: 'yes' }])(
    'keeps it when the page may hold all the creator’s posts, or does not say (%j)',
    (more) => {
      expect(pinnedOf(page(more)).map(([id]) => id)).toEqual(['old', 'mid', 'c', 'd']);
    },
  );

  it('keeps pinned posts when no unpinned post on the page has a time, and a pinned post without one', () => {
    expect(
      pinnedOf({ has_more: 1, aweme_list: [post('a', 100, { is_top: 1 }), post('b', null)] }).map(
        ([id]) => id,
      ),
    ).toEqual(['a', 'b']);
    expect(
      pinnedOf({ has_more: 1, aweme_list: [post('a', null, { is_top: 1 }), post('b', 500)] }).map(
        ([id]) => id,
      ),
    ).toEqual(['a', 'b']);
  });

  it('reads the web shape’s createTime for both rules', () => {
    const web = (id: string, createTime: number) => ({ id, createTime });
    const pinned = postsOnPage({
      hasMore: true,
      itemList: [web('old', 100), web('mid', 500), web('c', 900), web('d', 300)],
    }).map(({ post: item, pinned: isPinned }) => [item.id, isPinned]);
    expect(pinned).toEqual([
      ['mid', true],
      ['c', false],
      ['d', false],
    ]);
  });

  it('keeps a pinned post exactly as old as the oldest unpinned one', () => {
    expect(
      pinnedOf({
        has_more: 1,
        aweme_list: [post('a', 300, { is_top: 1 }), post('b', 900), post('c', 300)],
      }).map(([id]) => id),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('postsOnPage, TikTok’s web page', () => {
  const web = (body: Record<string, unknown>) =>
    postsOnPage(body).map(({ post: item, pinned }) => [item.id, pinned]);

  it('reads itemList, its isPinnedItem flag and its times sent as text', () => {
    const page = parseAnswer(readFixture('creators/web-page')) as JsonObject;
    expect(postsOnPage(page).map(({ post: item, pinned }) => [item.id, pinned])).toEqual([
      ['7301444403200000011', true],
      ['7580574327767040022', false],
      ['7580187780710400033', false],
    ]);
  });

  it('takes a page without hasMore for the last one, so an old pinned post stays', () => {
    const list = [
      { id: '1', createTime: '100', isPinnedItem: true },
      { id: '2', createTime: '900' },
    ];
    expect(web({ itemList: list })).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(web({ itemList: list, hasMore: true, cursor: '900000' })).toEqual([['2', false]]);
  });

  it('judges pinned posts by the time the id carries where the page sends no time', () => {
    // 7301444403200000011 was made at 1700000000, 7580574327767040022 at 1764990000.
    expect(
      web({
        itemList: [{ id: '7301444403200000011', isPinnedItem: true }, { id: '7580574327767040022' }],
        has_more: 1,
      }),
    ).toEqual([['7580574327767040022', false]]);
  });

  it('reads a time of 0 as none, so the id’s time decides', () => {
    expect(
      web({
        itemList: [
          { id: '7301444403200000011', createTime: 0 },
          { id: '7580574327767040022', createTime: 0 },
        ],
      }),
    ).toEqual([
      ['7301444403200000011', true],
      ['7580574327767040022', false],
    ]);
  });
});

describe('nextCursorOf', () => {
  it.each([
    [{ max_cursor: '1733000000000', has_more: 1 }, '1733000000000'],
    [{ max_cursor: 1733000000000 }, '1733000000000'],
    [{ itemList: [], hasMore: true, cursor: '1764990000000' }, '1764990000000'],
    [{ max_cursor: '5', cursor: '6' }, '5'],
    [{ max_cursor: '0', has_more: 0 }, null],
    [{ cursor: 0 }, null],
    [{}, null],
  ])('sends back %j as maxCursor %j', (page, cursor) => {
    expect(nextCursorOf(page)).toBe(cursor);
  });
});
