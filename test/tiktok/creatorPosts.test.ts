import { postsOnPage } from '../../src/tiktok/creatorPosts';

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
});
