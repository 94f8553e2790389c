import { num, parseAnswer, text } from '../../src/tiktok/json';

describe('text', () => {
  it.each([
    ['null', null],
    ['a flag', true],
    ['an object', { uid: '6958342107654321987' }],
    ['a list', ['dumplings']],
    ['nothing at all', undefined],
  ])('is null for %s, which is no text', (_what, value) => {
    expect(text(value)).toBeNull();
  });

  it('keeps an id sent as a JSON number as its digits', () => {
    expect(text(6958342107)).toBe('6958342107');
  });

  it('is null for a number too large to write, as 1e400 parses', () => {
    expect(text(parseAnswer('1e400'))).toBeNull();
  });
});

describe('num', () => {
  it.each([
    ['15.25', 15.25],
    [' 8817 ', 8817],
    ['-3', -3],
    ['0.125', 0.125],
  ])('reads %j, a number sent as text, with every digit', (value, expected) => {
    expect(num(value)).toBe(expected);
  });

  it.each(['1.2M', '12.', '.5', '15,25', ''])('is null for %j, which is no count', (value) => {
    expect(num(value)).toBeNull();
  });
});

describe('parseAnswer', () => {
  it('leaves ids sent as text, flags, nulls and nested objects as they are', () => {
    expect(
      parseAnswer(
        '{"id":"7454730070085839471","digg_count":"9007199254740993","is_ad":false,"music":null,"author":{"uid":6958342107654321987,"nickname":"Chef Lupita"},"tags":["food",7]}',
      ),
    ).toEqual({
      id: '7454730070085839471',
      digg_count: '9007199254740993',
      is_ad: false,
      music: null,
      author: { uid: '6958342107654321987', nickname: 'Chef Lupita' },
      tags: ['food', 7],
    });
  });
});
