import { benchRoster, rosterTable } from '../../bench/roster';

// The roster benchmark as a smoke test: short delays, so it runs in CI in seconds. Its full
// figures (1 to 5 seconds a creator) are in the README; no time is asserted here.

describe('the roster benchmark', () => {
  it('asks all 25 creators in one poll, never more than 8 at once', async () => {
    const figures = await benchRoster(20);
    expect(figures).toMatchObject({ asked: 25, items: 50 });
    expect(figures.mostInFlight).toBeGreaterThan(3);
    expect(figures.mostInFlight).toBeLessThanOrEqual(8);
  });

  it('prints a table row per delay', async () => {
    const table = await rosterTable([10]);
    expect(table.split('\n')).toEqual([
      '| Upstream | Creators asked | Poll time | Most at once |',
      '| --- | --- | --- | --- |',
      expect.stringMatching(/^\| 0\.01 s a creator \| 25\/25 \| \d+\.\d s \| [4-8] \|$/),
    ]);
  });
});
