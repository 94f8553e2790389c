import type { ZObject } from 'zapier-platform-core';

import { isZapierError } from '../dumplingai/errors';
import { LOOKUP_MS, STEP_BUDGET_MS, type Limits } from '../dumplingai/limits';
import type { Clock } from './paced';

// Reading a list page by page inside one step: Zapier stops a step after 30 seconds and every
// page is one DumplingAI call, so a step reads only the pages it needs, within a time budget,
// and keeps what it has already paid for when a later page fails.

export interface PagingLimits {
  /** Zapier stops a step after 30 s; no page is asked for once this much time has passed. */
  budgetMs: number;
  /** A page can take seconds to come: none is asked for with less time than this left. */
  minPageMs: number;
  /** Each page is one DumplingAI call, so the most a step spends. */
  maxPages: number;
}

export const DEFAULT_PAGING: Readonly<PagingLimits> = Object.freeze({
  budgetMs: STEP_BUDGET_MS,
  minPageMs: LOOKUP_MS,
  maxPages: 10,
});

export interface Paging {
  limits: Limits;
  paging: PagingLimits;
  /** The clock, passed in so tests use a fake one. */
  clock: Clock;
}

/**
 * Asks for the first page, then for the next while `next` gives a cursor not sent before. A 404
 * on a later page ends the list. Null when the first page is a 404 (nothing found). A later page
 * that fails with an error the user would read (DumplingAI's, the network's) ends the reading, so
 * the pages already paid for are kept; a bug is never hidden.
 */
// C: what an endpoint pages by (a number for comments and the search, TikTok's text for posts).
export const readPages = async <P extends object, C extends number | string = number>(
  z: ZObject,
  ask: (cursor: C | null, deadlineMs: number) => Promise<P | null>,
  next: (page: P, pages: P[]) => C | null,
  { limits, paging, clock }: Paging,
): Promise<P[] | null> => {
  const started = clock.now();
  const left = (): number => paging.budgetMs - (clock.now() - started);
  const firstPage = await ask(null, Math.min(limits.apiDeadlineMs, paging.budgetMs));
  if (firstPage === null) return null;
  const pages: P[] = [firstPage];
  const sent = new Set<C>();
  for (;;) {
    const last = pages[pages.length - 1] as P;
    const cursor = next(last, pages);
    if (cursor === null || sent.has(cursor)) return pages;
    if (pages.length >= paging.maxPages) return pages;
    if (left() < paging.minPageMs) return pages;
    sent.add(cursor);
    let page: P | null;
    try {
      page = await ask(cursor, Math.min(limits.apiDeadlineMs, left()));
    } catch (error) {
      if (!isZapierError(error)) throw error;
      z.console.log(`A later page could not be read, so the step returns the ${pages.length} it has.`);
      return pages;
    }
    if (page === null) return pages;
    pages.push(page);
  }
};
