import type { Clock } from '../ports/clock';

/** The clock of the machine the code runs on; tests and benches pass their own. */
export const systemClock: Clock = { now: () => new Date() };
