import { LIMITS, type Limits } from '../dumplingai/limits';
import { DEFAULT_PACE, realClock, type Clock, type PacedLimits } from './paced';
import { DEFAULT_PAGING, type PagingLimits } from './paging';

/**
 * What a step runs with, in one shape for every step's factory: DumplingAI's limits, the pace of
 * many lookups, how far it pages, and the time. Passed in, so tests shorten a limit or move time;
 * a step reads only what it needs.
 */
export interface StepSetup {
  limits: Limits;
  pace: Readonly<PacedLimits>;
  paging: Readonly<PagingLimits>;
  clock: Clock;
}

export const DEFAULT_SETUP: Readonly<StepSetup> = Object.freeze({
  limits: LIMITS,
  pace: DEFAULT_PACE,
  paging: DEFAULT_PAGING,
  clock: realClock,
});
