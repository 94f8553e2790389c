import type { Clock } from '../src/lookups/paced';

// Clocks for code that waits, passed in instead of Zapier's real time, so no test sleeps.

/**
 * A clock that moves only when nothing else can happen: `run` drives some work to its end, and
 * each time the work is waiting on the clock alone, moves it to the earliest sleep and wakes that.
 * Fake lookups take time with `takes`, so a whole batch runs in simulated seconds.
 */
export const fakeClock = () => {
  let time = 0;
  let order = 0;
  const sleepers: { at: number; order: number; wake: () => void }[] = [];
  const clock: Clock = {
    now: () => time,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const sleeper = { at: time + Math.max(0, ms), order: (order += 1), wake: resolve };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          const waiting = sleepers.indexOf(sleeper);
          if (waiting !== -1) sleepers.splice(waiting, 1);
          resolve();
        });
      }),
  };
  // Promise callbacks (and process.nextTick) all run before the event loop's next macrotask.
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const run = async <T>(work: Promise<T>): Promise<T> => {
    const state = { done: false };
    const finish = () => {
      state.done = true;
    };
    work.then(finish, finish);
    for (;;) {
      await settled();
      if (state.done) return work;
      sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = sleepers.shift();
      if (next === undefined) throw new Error('stuck: the work waits for something no clock will bring');
      time = next.at;
      next.wake();
    }
  };
  return { clock, run, takes: (ms: number) => clock.sleep(ms) };
};

/**
 * A clock whose sleeps take no time and move it on: for steps that make real (nock) requests and
 * would otherwise wait out a Retry-After or a backoff.
 */
export const jumpingClock = (): Clock & { slept: number[] } => {
  let time = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => time,
    sleep: (ms) => {
      slept.push(ms);
      time += ms;
      return Promise.resolve();
    },
  };
};
