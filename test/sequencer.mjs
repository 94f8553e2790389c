// The order jest starts test files in: as jest's own (a file that failed last time first, then the
// longest last time), except that the end-to-end files (which start processes and servers, and
// take the longest) come before the unit files even when jest has no timings yet, as on a fresh
// clone. Then no long file starts last and runs alone while the other worker has nothing to do.
import Sequencer from '@jest/test-sequencer';

export default class EndToEndFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) =>
      (this.hasFailed(test) ? 0 : 2) + (test.context.config.displayName?.name === 'e2e' ? 0 : 1);
    // Array.prototype.sort is stable: within a rank, jest's own order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
