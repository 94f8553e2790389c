import type { TikTokComment } from '../../src/tiktok/comments';
import { commentsOutput, commentsOutputFields, commentsTextOf } from '../../src/zapier/comments';
import { isTitleCase } from '../helpers';

const comment = (id: string, text: string | null, parentId: string | null = null): TikTokComment => ({
  id,
  parentId,
  text,
  createTime: null,
  createTimeISO: null,
  likeCount: null,
  replyCount: null,
  authorUniqueId: null,
  authorNickname: null,
  authorId: null,
  likedByCreator: null,
  pinned: null,
});

describe('commentsTextOf', () => {
  it('puts each comment on one line, a line break inside a comment turned into a space', () => {
    expect(
      commentsTextOf([
        comment('1', 'one\ntwo'),
        comment('2', 'crlf\r\nhere\rand\u2028there\u2029end'),
        comment('3', null),
        comment('4', '@ana 🔥', '1'),
      ]),
    ).toBe('one two\ncrlf here and there end\n@ana 🔥');
  });

  it('turns every other line break Unicode names into a space too (NEL, vertical tab, form feed)', () => {
    expect(commentsTextOf([comment('1', 'a\u0085b\vc\fd')])).toBe('a b c d');
  });
});

describe('commentsOutput', () => {
  it('counts what it returns', () => {
    expect(commentsOutput({ videoId: '1', url: 'u', total: 0, hasMore: false, comments: [] })).toEqual({
      videoId: '1',
      url: 'u',
      total: 0,
      returned: 0,
      hasMore: false,
      commentsText: '',
      comments: [],
    });
  });

  it('labels every field in Title Case, each line item key once', () => {
    expect(commentsOutputFields.filter((field) => !isTitleCase(field.label))).toEqual([]);
    expect(commentsOutputFields.map((field) => field.key)).toEqual([
      'videoId',
      'url',
      'total',
      'returned',
      'hasMore',
      'commentsText',
      'comments[]id',
      'comments[]parentId',
      'comments[]text',
      'comments[]createTime',
      'comments[]createTimeISO',
      'comments[]likeCount',
      'comments[]replyCount',
      'comments[]authorUniqueId',
      'comments[]authorNickname',
      'comments[]authorId',
      'comments[]likedByCreator',
      'comments[]pinned',
    ]);
  });
});
