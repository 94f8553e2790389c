import { commentsPage } from '../../src/tiktok/comments';
import { parseAnswer, type JsonObject } from '../../src/tiktok/json';
import { readFixture } from '../helpers';

const page = (name: string) => parseAnswer(readFixture(`comments/${name}`)) as JsonObject;

describe('commentsPage', () => {
  it('reads each comment, followed by the replies it carries, with the paging fields and total', () => {
    const read = commentsPage(page('page-1'));
    expect([read.cursor, read.hasMore, read.total, read.videoId]).toEqual([
      3,
      true,
      9,
      '7321234567890123456',
    ]);
    expect(read.comments.map((comment) => [comment.id, comment.parentId])).toEqual([
      ['7321300000000000001', null],
      ['7321300000000000101', '7321300000000000001'],
      ['7321300000000000002', null],
      ['7321399999999999999', null],
    ]);
    expect(read.comments[0]).toEqual({
      id: '7321300000000000001',
      parentId: null,
      text: 'Great recipe! 🔥🥟',
      createTime: 1704067200,
      createTimeISO: '2024-01-01T00:00:00.000Z',
      likeCount: 42,
      replyCount: 1,
      authorUniqueId: 'hungry.hana',
      authorNickname: 'Hana 🍜',
      authorId: '7000000000000000001',
      likedByCreator: true,
      pinned: true,
    });
  });

  it('keeps every digit of a 19-digit cid sent as a JSON number, and the text as sent', () => {
    const read = commentsPage(page('page-1'));
    expect(read.comments[3]?.id).toBe('7321399999999999999');
    expect(read.comments[2]?.text).toBe('Tried it tonight.\nMy kids loved it!');
    expect([read.comments[2]?.likedByCreator, read.comments[2]?.pinned]).toEqual([false, false]);
  });

  it('leaves the creator’s like and pin null when the answer does not say', () => {
    const [reply] = commentsPage(page('page-1')).comments.slice(1);
    expect([reply?.likedByCreator, reply?.pinned, reply?.replyCount]).toEqual([null, null, null]);
  });

  it('reads the web JSON’s camelCase too, and TikTok’s author_pin and 1/0 flags', () => {
    const [comment] = commentsPage({
      comments: [
        {
          cid: '5',
          createTime: '1704067200',
          diggCount: '3',
          replyCommentTotal: 2,
          author_pin: true,
          stick_position: 0,
          is_author_digged: 1,
          user: { id: '9', uniqueId: 'web.user' },
        },
      ],
    }).comments;
    expect(comment).toMatchObject({
      createTime: 1704067200,
      likeCount: 3,
      replyCount: 2,
      pinned: true,
      likedByCreator: true,
      authorUniqueId: 'web.user',
      authorId: '9',
    });
  });

  it('leaves out comments and replies without a cid, and reads an empty page', () => {
    const read = commentsPage({
      comments: [
        { text: 'no id', reply_comment: [{ cid: '2' }] },
        { cid: '1', reply_comment: [{ text: 'x' }] },
      ],
    });
    expect(read.comments.map((comment) => comment.id)).toEqual(['1']);
    expect(commentsPage({ comments: null, total: 0, hasMore: false })).toEqual({
      comments: [],
      cursor: null,
      hasMore: false,
      total: 0,
      videoId: null,
    });
  });

  it('reads TikTok’s reply list: each entry’s parentId is the comment it answers, and has_more 1', () => {
    const read = commentsPage(parseAnswer(readFixture('comments/reply-list')) as JsonObject);
    expect(read.comments.map((comment) => [comment.id, comment.parentId, comment.authorUniqueId])).toEqual([
      ['7321300000000000201', '7321300000000000001', 'noodle.nate'],
      ['7321300000000000202', '7321300000000000001', 'bao.bea'],
    ]);
    expect(read.hasMore).toBe(true);
    expect(read.cursor).toBe(2);
    expect(read.comments[0]).toMatchObject({
      createTime: 1704074400,
      createTimeISO: '2024-01-01T02:00:00.000Z',
    });
  });

  it.each([
    [{ cid: '1', reply_id: '0' }, null],
    [{ cid: '1', reply_id: 0 }, null],
    [{ cid: '1', reply_id: '' }, null],
    [{ cid: '1', reply_id: '77' }, '77'],
    [{ cid: '1', reply_id: 77 }, '77'],
  ])('reads %j as answering %j', (comment, parentId) => {
    expect(commentsPage({ comments: [comment] }).comments[0]?.parentId).toBe(parentId);
  });

  it('gives a comment whose time is 0 no time, never 1970', () => {
    expect(commentsPage({ comments: [{ cid: '1', create_time: 0 }] }).comments[0]).toMatchObject({
      createTime: null,
      createTimeISO: null,
    });
  });
});
