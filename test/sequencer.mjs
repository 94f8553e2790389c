// The order jest starts test files in: the unit files first, then the end-to-end files, each part
// in jest's own order (a file that failed last time first, then the longest last time). Test files
// share the two workers, and a unit file must never follow an end-to-end file in one: once Zapier's
// core has made a real request in a worker, nock loaded by a later file there no longer intercepts
// (the requests go out to the network). jest hands files out in this order, so a worker takes an
// end-to-end file only when no unit file is left.
import Sequencer from '@jest/test-sequencer';

export default class UnitFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => (test.context.config.displayName?.name === 'e2e' ? 1 : 0);
    // Array.prototype.sort is stable: within a part, jest's own order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
