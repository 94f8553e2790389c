import type { Clock } from '../src/lookups/paced';

/**
 * The one clock tests pass in instead of Zapier's real time, so no test sleeps. Time moves only
 * when the code under test waits on it, or when a test moves it (`advance` for a fake answer
 * that took some time, `setTime` for the hours between two polls):
 * - inside `run`, which starts some work and drives it to its end: each time the work waits on the clock alone,
 *   the clock moves to the earliest sleep and wakes it. Fake lookups take time with `takes`, so a
 *   whole batch runs in simulated seconds, its lookups overlapping as they would;
 * - outside `run` (steps that make nock requests, which no clock can see coming), a sleep moves
 *   the clock on by its length at once.
 * `slept` lists every wait asked for, in order.
 */
export const fakeClock = () => {
  let time = 0;
  let order = 0;
  let driven = false;
  const slept: number[] = [];
  const sleepers: { at: number; order: number; wake: () => void }[] = [];
  const clock: Clock = {
    now: () => time,
    sleep: (ms, signal) => {
      slept.push(ms);
      if (!driven) {
        time += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const sleeper = { at: time + Math.max(0, ms), order: (order += 1), wake: resolve };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          const waiting = sleepers.indexOf(sleeper);
          if (waiting !== -1) sleepers.splice(waiting, 1);
          resolve();
        });
      });
    },
  };
  // Promise callbacks (and process.nextTick) all run before the event loop's next macrotask.
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const run = async <T>(start: () => Promise<T>): Promise<T> => {
    const state = { done: false };
    const finish = () => {
      state.done = true;
    };
    driven = true;
    try {
      const work = start();
      work.then(finish, finish);
      for (;;) {
        await settled();
        if (state.done) return await work;
        sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = sleepers.shift();
        if (next === undefined) throw new Error('stuck: the work waits for something no clock will bring');
        time = next.at;
        next.wake();
      }
    } finally {
      driven = false;
    }
  };
  const advance = (ms: number): void => {
    time += ms;
  };
  const setTime = (ms: number): void => {
    time = ms;
  };
  return { clock, run, takes: (ms: number) => clock.sleep(ms), advance, setTime, slept };
};
