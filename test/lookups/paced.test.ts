import { realClock } from '../../src/lookups/paced';

describe('realClock', () => {
  it('wakes when its time comes', async () => {
    await expect(realClock.sleep(0)).resolves.toBeUndefined();
  });

  it('wakes at once, and lets go of its timer, when the wait is called off', async () => {
    const wake = new AbortController();
    const sleeping = realClock.sleep(60_000, wake.signal);
    wake.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('tells the time', () => {
    expect(realClock.now()).toBeGreaterThan(Date.parse('2026-01-01'));
  });
});
