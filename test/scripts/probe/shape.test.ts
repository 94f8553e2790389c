import { differences, noDifference, pathsRead, shapeOf, type Observed } from '../../../scripts/probe/shape';

describe('shapeOf', () => {
  it('gives each key path its JSON types and each array its lengths, never a value', () => {
    const content =
      '{"id":"7321234567890123456","n":7524919477404745385,"small":12,"ok":true,"none":null,' +
      '"list":[{"a":1},{"a":"x","b":[]}],"empty":[],"nested":[[1,2,3]]}';
    expect(shapeOf(content)).toEqual([
      { path: 'id', types: ['string'] },
      { path: 'n', types: ['big integer'] },
      { path: 'small', types: ['number'] },
      { path: 'ok', types: ['boolean'] },
      { path: 'none', types: ['null'] },
      { path: 'list', types: ['array'], lengths: [2, 2] },
      { path: 'list[]', types: ['object'] },
      { path: 'list[].a', types: ['number', 'string'] },
      { path: 'list[].b', types: ['array'], lengths: [0, 0] },
      { path: 'empty', types: ['array'], lengths: [0, 0] },
      { path: 'nested', types: ['array'], lengths: [1, 1] },
      { path: 'nested[]', types: ['array'], lengths: [3, 3] },
      { path: 'nested[][]', types: ['number'] },
    ]);
    expect(JSON.stringify(shapeOf(content))).not.toMatch(/7321234567890123456|"x"/);
  });

  it('writes keys that are ids as one <id>, so no id reaches the report', () => {
    expect(shapeOf('{"ItemModule":{"7321234567890123456":{"id":"7321234567890123456"},"123":1}}')).toEqual([
      { path: 'ItemModule', types: ['object'] },
      { path: 'ItemModule.123', types: ['number'] },
      { path: 'ItemModule.<id>', types: ['object'] },
      { path: 'ItemModule.<id>.id', types: ['string'] },
    ]);
    const read = pathsRead({ m: { '7321234567890123456': { a: 1 } } }, (value) =>
      Object.values((value as { m: Record<string, { a: number }> }).m).map((item) => item.a),
    );
    expect([...read].sort()).toEqual(['m', 'm.<id>', 'm.<id>.a']);
  });

  it('keeps the fewest and most elements of arrays met at one path', () => {
    expect(shapeOf('{"l":[{"i":[1]},{"i":[1,2,3]},{"i":[]}]}')).toContainEqual({
      path: 'l[].i',
      types: ['array'],
      lengths: [0, 3],
    });
  });

  it('tells a negative or exponent number from a big integer, and is null for text that is no JSON', () => {
    expect(shapeOf('{"a":-12,"b":1e30,"c":-9007199254740993}')).toEqual([
      { path: 'a', types: ['number'] },
      { path: 'b', types: ['number'] },
      { path: 'c', types: ['big integer'] },
    ]);
    expect(shapeOf('<html>busy</html>')).toBeNull();
    expect(shapeOf('[1]')).toEqual([{ path: '[]', types: ['number'] }]);
  });
});

describe('pathsRead', () => {
  it('notes what a reader gets, tests with `in`, looks up own, or lists, present or not', () => {
    const data = { user: { id: '1', stats: { a: 1, b: 2 } }, items: [{ x: 1 }, { x: 2, y: 3 }], other: 1 };
    const read = pathsRead(data, (value) => {
      const answer = value as typeof data & { missing?: { deeper?: unknown } };
      return [
        answer.user.id,
        answer.missing?.deeper,
        'flag' in answer.user,
        Object.hasOwn(answer, 'owned'),
        Object.keys(answer.user.stats),
        answer.items.map((item) => item.x),
      ];
    });
    expect([...read].sort()).toEqual([
      'items',
      'items[]',
      'items[].x',
      'missing',
      'owned',
      'user',
      'user.flag',
      'user.id',
      'user.stats',
      'user.stats.a',
      'user.stats.b',
    ]);
  });

  it('does not take what every object answers to (toJSON, then, constructor) for a field', () => {
    const read = pathsRead({ a: { b: 1 } }, (value) => {
      const answer = value as { a: Record<string, unknown> };
      return [answer.a.toJSON, answer.a.then, answer.a.constructor, JSON.stringify(answer)];
    });
    expect([...read].sort()).toEqual(['a', 'a.b']);
  });

  it('reads a field named like one of those when the answer holds it', () => {
    const read = pathsRead({ constructor: 'x' }, (value) => (value as { constructor: unknown }).constructor);
    expect([...read]).toEqual(['constructor']);
  });
});

describe('differences', () => {
  const observed = (shape: Observed['shape'], read: string[]): Observed => ({ shape, read: new Set(read) });
  const model = observed(
    [
      { path: 'user', types: ['object'] },
      { path: 'user.id', types: ['string'] },
      { path: 'user.name', types: ['string'] },
      { path: 'extra', types: ['number'] },
    ],
    ['user', 'user.id', 'user.name', 'user.avatar'],
  );

  it('finds nothing between an answer and itself', () => {
    const found = differences(model, model);
    expect(found).toEqual({ readButAbsent: [], ignored: [], typesDiffer: [] });
    expect(noDifference(found)).toBe(true);
  });

  it('names what the app reads and the model has that the answer lacks, not what neither has', () => {
    const answer = observed(
      [
        { path: 'user', types: ['object'] },
        { path: 'user.id', types: ['string'] },
      ],
      ['user', 'user.id', 'user.name', 'user.avatar'],
    );
    // `extra` is missing too, but the app does not read it; `user.avatar` the model never had.
    expect(differences(model, answer)).toEqual({
      readButAbsent: ['user.name'],
      ignored: [],
      typesDiffer: [],
    });
  });

  it('names the outermost of the new fields the app does not read, and not those it reads', () => {
    const answer = observed(
      [
        ...model.shape,
        { path: 'stats', types: ['object'] },
        { path: 'stats.followers', types: ['number'] },
        { path: 'stats.list', types: ['array'], lengths: [1, 1] },
        { path: 'stats.list[]', types: ['number'] },
        { path: 'user.bio', types: ['string'] },
        { path: 'user.avatar', types: ['string'] },
      ],
      ['user', 'user.id', 'user.name', 'user.avatar'],
    );
    const found = differences(model, answer);
    expect(found.ignored).toEqual(['stats', 'user.bio']);
    expect(noDifference(found)).toBe(false);
  });

  it('names paths whose types differ, and whether the app reads them', () => {
    const answer = observed(
      [
        { path: 'user', types: ['object'] },
        { path: 'user.id', types: ['big integer'] },
        { path: 'user.name', types: ['string'] },
        { path: 'extra', types: ['null', 'number'] },
      ],
      ['user', 'user.id', 'user.name'],
    );
    const found = differences(model, answer);
    expect(found.typesDiffer).toEqual([
      { path: 'user.id', model: ['string'], answer: ['big integer'], read: true },
      { path: 'extra', model: ['number'], answer: ['null', 'number'], read: false },
    ]);
    expect(noDifference(found)).toBe(false);
  });

  it('takes fewer types than the model’s (ids all strings where it mixes in numbers) for no difference', () => {
    const mixed = observed([{ path: 'cid', types: ['big integer', 'string'] }], ['cid']);
    const strings = observed([{ path: 'cid', types: ['string'] }], ['cid']);
    expect(differences(mixed, strings).typesDiffer).toEqual([]);
    expect(differences(strings, mixed).typesDiffer).toEqual([
      { path: 'cid', model: ['string'], answer: ['big integer', 'string'], read: true },
    ]);
  });

  it('counts any one kind of difference as a difference', () => {
    expect(noDifference({ readButAbsent: ['a'], ignored: [], typesDiffer: [] })).toBe(false);
    expect(noDifference({ readButAbsent: [], ignored: ['a'], typesDiffer: [] })).toBe(false);
  });
});
