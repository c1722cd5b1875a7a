/** What the calendar import gives and takes: plain events with UTC instants, its options and its refusals. */
export interface ParsedEvent {
  uid: string;
  /** The original start of this occurrence of a series: UTC ISO instant, or YYYY-MM-DD for all-day series. */
  recurrenceId?: string;
  /** UTC epoch milliseconds. All-day events run from local midnight to local midnight in the default zone. */
  start: number;
  end: number;
  allDay: boolean;
  title: string;
  location?: string;
  description?: string;
  calendarName?: string;
}

export interface ParseResult {
  events: ParsedEvent[];
  /** Teacher-readable notes on anything read with a guess or left out. */
  warnings: string[];
}

export type IcsErrorReason = "not-icalendar" | "truncated" | "too-large" | "too-complex" | "unreadable";

export class IcsError extends Error {
  constructor(
    readonly reason: IcsErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "IcsError";
  }
}

export interface ParseOptions {
  /** Only occurrences overlapping [start, end) are returned; recurrences are expanded only here. */
  window: { start: number; end: number };
  /** IANA zone for floating times, all-day dates and unknown TZIDs: the profile's zone. */
  defaultZone: string;
  /** Upper bound on the events returned. */
  maxInstances?: number;
  /** A limit on the time the parse may take; none when left out (the caps on rules still bound the work). */
  timeBudget?: TimeBudget;
}

/** At most `ms` milliseconds as `now` counts them: imports pass the real clock, tests a fake one. */
export interface TimeBudget {
  ms: number;
  now: () => number;
}

/**
 * A last resort against a file the caps on rules do not catch. Speed is the bench's job: a budget near the
 * time a teacher waits refused a large timetable whenever the machine was busy, which loses more than it saves.
 */
export const IMPORT_TIME_BUDGET: TimeBudget = {
  ms: 10_000,
  now: () => (typeof performance !== "undefined" ? performance.now() : Date.now()),
};

export const MAX_ICS_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_INSTANCES = 50_000;
