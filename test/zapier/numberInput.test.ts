import { countOf, wholeNumberOf } from '../../src/zapier/numberInput';

describe('wholeNumberOf', () => {
  it.each([
    [10, 10],
    ['10', 10],
    [' 10000 ', 10000],
    ['10,000', 10000],
    ['10 000', 10000],
    ['10_000', 10000],
    ['0', 0],
    ['999999999999', 999999999999],
  ])('reads %j as %j', (input, expected) => {
    expect(wholeNumberOf(input)).toBe(expected);
  });

  it.each([undefined, null, '', '   ', false])('reads %j as left empty', (input) => {
    expect(wholeNumberOf(input)).toBeNull();
  });

  it.each(['ten', '1.5', '-3', '1e3', '1000000000000', 1.5, -3, '12k'])(
    'reads %j as no whole number',
    (input) => {
      expect(wholeNumberOf(input)).toBeUndefined();
    },
  );
});

describe('countOf', () => {
  it.each([
    [undefined, 10],
    ['', 10],
    ['1', 1],
    [100, 100],
    ['1,00', 100],
    ['0', null],
    [101, null],
    ['ten', null],
  ])('reads %j, with 10 when empty and at most 100, as %j', (input, expected) => {
    expect(countOf(input, 10, 100)).toBe(expected);
  });
});
