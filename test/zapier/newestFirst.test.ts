import { newestFirst } from '../../src/zapier/newestFirst';

const item = (id: string | null, createTime: number | null, tag = '') => ({ id, createTime, tag });

describe('newestFirst', () => {
  it('sorts newest first, keeps the first of repeated ids, and leaves out items without an id', () => {
    expect(
      newestFirst([item('a', 1), item('b', 3), item(null, 9), item('b', 3, 'repeat'), item('c', 2)]),
    ).toEqual([item('b', 3), item('c', 2), item('a', 1)]);
  });

  it('keeps items without a time after the dated ones, in their order', () => {
    expect(newestFirst([item('x', null), item('a', 1), item('y', null), item('b', 2)])).toEqual([
      item('b', 2),
      item('a', 1),
      item('x', null),
      item('y', null),
    ]);
  });

  it('keeps equal times in the order given', () => {
    expect(newestFirst([item('a', 5), item('b', 5), item('c', 5)]).map((entry) => entry.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('gives at most 100 items, the newest', () => {
    const many = Array.from({ length: 150 }, (_, n) => item(`id${n}`, n));
    const kept = newestFirst(many);
    expect(kept).toHaveLength(100);
    expect([kept[0]?.id, kept[99]?.id]).toEqual(['id149', 'id50']);
  });
});
