import { tikTokRefused } from '../../src/tiktok/refusal';

describe('tikTokRefused', () => {
  it.each([
    [{ statusCode: 10222 }, true],
    [{ status_code: 10202 }, true],
    [{ statusCode: '10221' }, true],
    [{ statusCode: -1 }, true],
    [{ statusCode: 0, status_code: 10222 }, true],
    [{ statusCode: 0 }, false],
    [{ status_code: '0' }, false],
    [{ statusCode: 'error' }, false],
    [{ statusCode: null }, false],
    [{}, false],
  ])('reads %j as refused: %s', (answer, refused) => {
    expect(tikTokRefused(answer)).toBe(refused);
  });
});
