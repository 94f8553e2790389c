import { getEventListeners } from 'node:events';

import { realClock } from '../../src/lookups/paced';

describe('realClock', () => {
  it('wakes when its time comes', async () => {
    await expect(realClock.sleep(0)).resolves.toBeUndefined();
  });

  const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

  it('wakes at once, and lets go of its timer, when the wait is called off', async () => {
    const wake = new AbortController();
    const before = timers();
    const sleeping = realClock.sleep(60_000, wake.signal);
    expect(timers()).toBe(before + 1);
    wake.abort();
    await expect(sleeping).resolves.toBeUndefined();
    // A timer left running would keep Zapier's process busy for the rest of the minute.
    expect(timers()).toBe(before);
  });

  it('leaves no listener on a signal that outlives the wait', async () => {
    const wake = new AbortController();
    await realClock.sleep(1, wake.signal);
    await realClock.sleep(1, wake.signal);
    expect(getEventListeners(wake.signal, 'abort')).toEqual([]);
  });

  it('tells the time', () => {
    expect(realClock.now()).toBeGreaterThan(Date.parse('2026-01-01'));
  });
});
