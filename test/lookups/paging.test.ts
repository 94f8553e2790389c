import zapier, { type ZObject } from 'zapier-platform-core';

import { LIMITS } from '../../src/dumplingai/limits';
import { DEFAULT_PAGING, readPages } from '../../src/lookups/paging';
import { fakeClock } from '../fakeClock';

interface Page {
  n: number;
  cursor: number | null;
}

const log = jest.fn();
const z = { console: { log }, errors: zapier.errors } as unknown as ZObject;

/** A fake clock that moves on by `stepMs` with every page asked for, and what was asked. */
const pager = (stepMs: number, answers: (Page | null | Error)[]) => {
  const { clock, advance } = fakeClock();
  const asked: [number | null, number][] = [];
  const ask = (cursor: number | null, deadlineMs: number): Promise<Page | null> => {
    asked.push([cursor, deadlineMs]);
    advance(stepMs);
    const answer = answers[asked.length - 1] ?? null;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { ask, asked, clock };
};

const next = (page: Page) => page.cursor;
const pages = (...cursors: (number | null)[]) => cursors.map((cursor, n) => ({ n, cursor }));

describe('readPages', () => {
  it('asks for the first page without a cursor and follows the cursors to the end', async () => {
    const { ask, asked, clock } = pager(1000, pages(3, 6, null));
    const read = await readPages(z, ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock });
    expect(read?.map((page) => page.n)).toEqual([0, 1, 2]);
    expect(asked).toEqual([
      [null, 25000],
      [3, 24000],
      [6, 23000],
    ]);
  });

  it('is null when the first page is not found, and ends the list at a later 404', async () => {
    const none = pager(0, [null]);
    await expect(
      readPages(z, none.ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock: none.clock }),
    ).resolves.toBeNull();
    const later = pager(0, [...pages(3), null]);
    const read = await readPages(z, later.ask, next, {
      limits: LIMITS,
      paging: DEFAULT_PAGING,
      clock: later.clock,
    });
    expect(read).toEqual([{ n: 0, cursor: 3 }]);
  });

  it('asks for no page with less than the minimum time left, and gives the last one only the time left', async () => {
    const { ask, asked, clock } = pager(9000, pages(3, 6, 9, 12));
    const read = await readPages(z, ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock });
    // 9 s, 18 s: 7 s are left of 25, so a third page; at 27 s none.
    expect(asked).toEqual([
      [null, 25000],
      [3, 16000],
      [6, 7000],
    ]);
    expect(read).toHaveLength(3);
  });

  it('stops at the most pages it may spend', async () => {
    const { ask, asked, clock } = pager(0, pages(1, 2, 3, 4));
    await readPages(z, ask, next, { limits: LIMITS, paging: { ...DEFAULT_PAGING, maxPages: 2 }, clock });
    expect(asked.map(([cursor]) => cursor)).toEqual([null, 1]);
  });

  it('stops when a cursor comes back that was sent before', async () => {
    const { ask, asked, clock } = pager(0, pages(4, 4, 8));
    const read = await readPages(z, ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock });
    expect(asked.map(([cursor]) => cursor)).toEqual([null, 4]);
    expect(read).toHaveLength(2);
  });

  it('keeps the pages already read when a later page fails as the user would be told', async () => {
    const { ask, clock } = pager(0, [...pages(3), new zapier.errors.ThrottledError('busy', 30)]);
    const read = await readPages(z, ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock });
    expect(read).toEqual([{ n: 0, cursor: 3 }]);
    expect(log).toHaveBeenCalledWith('A later page could not be read, so the step returns the 1 it has.');
  });

  it.each([
    ['a rejected key (401)', new zapier.errors.ExpiredAuthError('Reconnect.')],
    ['an empty account (403)', new zapier.errors.Error('No credits.', 'out_of_credits', 403)],
  ])(
    'keeps the pages paid for, as the batch does, when a later page meets %s, and asks no more',
    async (_what, stop) => {
      const { ask, asked, clock } = pager(0, [...pages(3), stop, ...pages(9)]);
      const read = await readPages(z, ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock });
      expect(read).toEqual([{ n: 0, cursor: 3 }]);
      expect(asked).toHaveLength(2);
    },
  );

  it('never hides a bug on a later page, nor a failure of the first', async () => {
    const bug = pager(0, [...pages(3), new TypeError('bug')]);
    await expect(
      readPages(z, bug.ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock: bug.clock }),
    ).rejects.toThrow('bug');
    const first = pager(0, [new zapier.errors.ThrottledError('busy', 30)]);
    await expect(
      readPages(z, first.ask, next, { limits: LIMITS, paging: DEFAULT_PAGING, clock: first.clock }),
    ).rejects.toThrow('busy');
  });
});
