import { createPace, type Pace, type Ticket } from '../../src/lookups/pace';

// The pace alone, driven by outcomes and a clock the test sets: no HTTP, no batch.

const LIMITS = { startInFlight: 3, maxInFlight: 8, firstLookupMs: 5_000 };
const PLENTY = 25_000;

const setUp = (limits = LIMITS) => {
  const clock = { time: 0 };
  const pace = createPace(limits, () => clock.time);
  /** Starts lookups while the pace allows, with plenty of time left; returns their tickets. */
  const fill = (): Ticket[] => {
    const tickets: Ticket[] = [];
    while (pace.mayStart(PLENTY)) tickets.push(pace.start());
    return tickets;
  };
  return { clock, pace, fill };
};

const answerAll = (pace: Pace, tickets: Ticket[]) => {
  for (const ticket of tickets) pace.answered(ticket);
};

describe('the pace of lookups', () => {
  it('starts with 3 in flight, and no more until one is answered', () => {
    const { pace, fill } = setUp();
    expect(fill()).toHaveLength(3);
    expect(pace.mayStart(PLENTY)).toBe(false);
  });

  it('adds one lookup in flight for every answer (a video or none found), so each round doubles', () => {
    const { pace, fill } = setUp();
    const first = fill();
    const [one, two, three] = first as [Ticket, Ticket, Ticket];
    pace.answered(one);
    // 4 allowed, 2 still in flight: 2 more start.
    expect(fill()).toHaveLength(2);
    pace.answered(two);
    pace.answered(three);
    // 6 allowed, 2 in flight.
    expect(fill()).toHaveLength(4);
  });

  it('never has more than 8 in flight, however well DumplingAI keeps up', () => {
    const { pace, fill } = setUp();
    const rounds: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const tickets = fill();
      rounds.push(tickets.length);
      answerAll(pace, tickets);
    }
    expect(rounds).toEqual([3, 6, 8, 8, 8, 8]);
  });

  it('halves at once at a refusal (429, 503), and starts nothing until its wait is over', () => {
    const { clock, pace, fill } = setUp();
    answerAll(pace, fill());
    const round = fill();
    expect(round).toHaveLength(6);
    clock.time = 1_000;
    pace.refused(round[5] as Ticket, 2_000);
    expect(pace.pausedUntil()).toBe(3_000);
    answerAll(pace, round.slice(0, 3));
    clock.time = 2_999;
    expect(fill()).toEqual([]);
    clock.time = 3_000;
    // 6 halved to 3, and three answers since, a third each: 4, of which 2 are in flight.
    expect(fill()).toHaveLength(2);
  });

  it('lowers once for lookups refused together: those in flight at the first refusal are the same crowding', () => {
    const { pace, fill } = setUp();
    answerAll(pace, fill());
    const round = fill();
    for (const ticket of round.slice(3)) pace.refused(ticket, 0);
    // 6 halved once: 3, all of them still in flight.
    expect(fill()).toEqual([]);
    pace.answered(round[0] as Ticket);
    // 3 and a third; 2 in flight.
    expect(fill()).toHaveLength(1);
  });

  it('lowers again for a refusal of a lookup started after the last lowering', () => {
    const { clock, pace, fill } = setUp();
    const [first, second, third] = fill() as [Ticket, Ticket, Ticket];
    pace.refused(first, 1_000);
    pace.answered(second);
    clock.time = 1_000;
    const later = fill();
    expect(later).toHaveLength(1);
    pace.refused(later[0] as Ticket, 1_000);
    pace.refused(third, 1_000);
    clock.time = 2_000;
    // 3, halved to 1.5; one answer: 2.5; halved again: 1.25. Never below 1.
    expect(fill()).toHaveLength(1);
  });

  it('after a refusal, grows by about one per round of answers, not one per answer', () => {
    const { clock, pace, fill } = setUp({ ...LIMITS, startInFlight: 8 });
    const round = fill();
    pace.refused(round[0] as Ticket, 1_000);
    clock.time = 1_000;
    answerAll(pace, round.slice(1));
    const rounds: number[] = [];
    for (let n = 0; n < 4; n += 1) {
      const tickets = fill();
      rounds.push(tickets.length);
      answerAll(pace, tickets);
    }
    // 8 halved to 4, and the refused round's 7 answers, a quarter each: 5.75. Then one a round.
    expect(rounds).toEqual([5, 6, 7, 8]);
  });

  it('never waits less than a later refusal asks, nor less than an earlier one still asks', () => {
    const { clock, pace, fill } = setUp();
    const [first, second] = fill() as [Ticket, Ticket, Ticket];
    pace.refused(first, 5_000);
    clock.time = 1_000;
    pace.refused(second, 1_000);
    expect(pace.pausedUntil()).toBe(5_000);
  });

  describe('X-RateLimit-Remaining', () => {
    it('starts no more than DumplingAI said are left, counting those started after the lookup that said it', () => {
      const { pace, fill } = setUp();
      const [first] = fill() as [Ticket, Ticket, Ticket];
      // The 2 started after `first` take 2 of the 3 left.
      pace.answered(first, 3);
      expect(fill()).toHaveLength(1);
      expect(pace.hasRoom()).toBe(false);
      expect(pace.mayStart(PLENTY)).toBe(false);
    });

    it('leaves no room at all when nothing is left', () => {
      const { pace, fill } = setUp();
      const [first, second, third] = fill() as [Ticket, Ticket, Ticket];
      pace.answered(first, 0);
      pace.answered(second);
      pace.answered(third);
      expect(pace.hasRoom()).toBe(false);
      expect(fill()).toEqual([]);
    });

    it('takes the word of the lookup started last, not of one that happened to answer last', () => {
      const { pace, fill } = setUp();
      const [first, second, third] = fill() as [Ticket, Ticket, Ticket];
      pace.answered(third, 50);
      pace.answered(first, 0);
      expect(pace.hasRoom()).toBe(true);
      pace.answered(second);
      expect(fill()).toHaveLength(6);
    });

    it('says nothing of the room when DumplingAI did not say', () => {
      const { pace, fill } = setUp();
      const [first] = fill() as [Ticket, Ticket, Ticket];
      pace.answered(first, null);
      expect(pace.hasRoom()).toBe(true);
    });
  });

  describe('the time a lookup is taken to need', () => {
    it('is 5 seconds before any answer, then the longest answer so far', () => {
      const { clock, pace, fill } = setUp();
      const [first, second, third] = fill() as [Ticket, Ticket, Ticket];
      expect(pace.expectedMs()).toBe(5_000);
      clock.time = 1_200;
      pace.answered(first);
      expect(pace.expectedMs()).toBe(1_200);
      clock.time = 3_000;
      pace.answered(second);
      const [fourth] = fill() as [Ticket];
      clock.time = 3_100;
      pace.answered(third);
      pace.answered(fourth);
      // The lookup started at 3,000 took 100 ms; the longest, started at 0, took 3,100.
      expect(pace.expectedMs()).toBe(3_100);
    });

    it('counts answers only: a refusal or a failure comes back fast and says nothing of a lookup', () => {
      const { clock, pace, fill } = setUp();
      const [first, second] = fill() as [Ticket, Ticket, Ticket];
      clock.time = 10;
      pace.refused(first, 0);
      pace.ended(second);
      expect(pace.expectedMs()).toBe(5_000);
    });

    it('starts nothing that could not end in the time left; starts what can', () => {
      const { clock, pace, fill } = setUp();
      const [first] = fill() as [Ticket, Ticket, Ticket];
      clock.time = 4_000;
      pace.answered(first);
      expect(pace.mayStart(3_999)).toBe(false);
      expect(pace.mayStart(4_000)).toBe(true);
    });
  });

  it('a failure that says nothing of the pace frees its place and changes nothing else', () => {
    const { pace, fill } = setUp();
    const [first] = fill() as [Ticket, Ticket, Ticket];
    pace.ended(first);
    // Still 3 allowed, 2 in flight.
    expect(fill()).toHaveLength(1);
  });
});
