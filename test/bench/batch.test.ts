import { batchTable, benchBatch } from '../../bench/batch';

// The batch benchmark as a smoke test: short delays, so it runs in CI in seconds. Its full
// figures (1 to 5 seconds a lookup) are in the README; no time is asserted here.

describe('the batch benchmark', () => {
  it.each([20, 50])(
    'fetches all 25 links at %i ms a lookup, never more than 8 in flight',
    async (delayMs) => {
      const figures = await benchBatch({ delayMs });
      expect(figures).toMatchObject({ fetched: 25, reported: 0, requests: 25, refused: 0 });
      expect(figures.mostInFlight).toBeGreaterThan(3);
      expect(figures.mostInFlight).toBeLessThanOrEqual(8);
    },
  );

  it('against a DumplingAI that refuses more than 4 at once: every link fetched or reported, a handful refused', async () => {
    const figures = await benchBatch({ delayMs: 20, refuseAbove: 4 });
    expect(figures.fetched + figures.reported).toBe(25);
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.refused).toBeLessThanOrEqual(8);
    expect(figures.requests).toBe(figures.fetched + figures.refused);
  });

  it('prints a table row per upstream', async () => {
    const table = await batchTable([{ delayMs: 10 }]);
    expect(table.split('\n')).toEqual([
      '| Upstream | Links fetched | Step time | Most in flight | Requests (refused) |',
      '| --- | --- | --- | --- | --- |',
      expect.stringMatching(/^\| 0\.01 s a lookup \| 25\/25 \| \d+\.\d s \| [4-8] \| 25 \(0\) \|$/),
    ]);
  });
});
