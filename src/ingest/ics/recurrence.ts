import ICAL from "ical.js";
import type { Diagnostics } from "./diagnostics";
import { asList, isRecord } from "./jcal";
import { DAY_MS, DAYS_IN_MONTH, dateKey, readTimeString, type ClockTime, type WallTime } from "./wall-time";
import type { CalendarZones } from "./zones";

/**
 * Recurrence expansion: ical.js's RRULE iterator run on wall-clock times, only across the window, with caps so
 * that a runaway or impossible rule is left out or cut with a warning rather than walked for ever.
 */

/** No school series has more than a few hundred occurrences in a year; more means a runaway rule. */
export const MAX_OCCURRENCES_PER_SERIES = 1_500;
/** Steps through a rule before the window, e.g. a daily series begun decades ago. */
const MAX_STEPS_PER_SERIES = 50_000;
const MAX_ZONE_OFFSET_MS = 14 * 3_600_000;

/** Whether a rule can be expanded: a series with a runaway or impossible rule is left out whole. */
export function ruleProblem(rule: unknown): "too-frequent" | "unreadable" | undefined {
  const freq = isRecord(rule) ? String(rule.freq ?? "").toUpperCase() : "";
  if (freq === "SECONDLY" || freq === "MINUTELY") return "too-frequent";
  if (!isRecord(rule) || !isPossibleRule(rule)) return "unreadable";
  return undefined;
}

export class RuleExpander {
  private readonly walks = new Map<string, RuleWalk>();

  constructor(
    private readonly window: { start: number; end: number },
    private readonly diagnostics: Diagnostics,
    private readonly checkTime: () => void,
  ) {}

  /** Walks the RRULE in wall-clock time, so a 09:00 lesson stays at 09:00 across clock changes. */
  expand(
    rule: Record<string, unknown>,
    dtstart: WallTime,
    duration: number,
    zones: CalendarZones,
    tryEmit: (wall: WallTime) => void,
    emittedCount: () => number,
  ): void {
    const written = typeof rule.until === "string" ? readTimeString(rule.until) : undefined;
    const until = written && dtstart.isDate && !written.isDate ? untilAsDate(written) : written;
    const untilEpoch = until?.utc ? zones.toEpoch(until) : undefined;
    // A series that ended before the year starts has nothing to expand.
    if (untilEpoch !== undefined && untilEpoch < this.window.start - 2 * DAY_MS) return;
    const windowStart = this.window.start - Math.max(0, duration) - 2 * DAY_MS;
    const windowEnd = this.window.end + 2 * DAY_MS;
    const { until: _until, ...withoutUntil } = rule;
    const start = fastForward(withoutUntil, dtstart, windowStart);
    if (!start) return;
    const sameTimeEachDay =
      !TIME_OF_DAY_RULE.has(String(rule.freq).toUpperCase()) &&
      rule.byhour === undefined &&
      rule.byminute === undefined &&
      rule.bysecond === undefined;
    const walk = this.ruleWalk(start.rule, start.wall, sameTimeEachDay);
    if (walk.unstartable) {
      this.diagnostics.unreadable++;
      return;
    }

    const zone = dtstart.isDate ? zones.defaultZone : zones.zoneFor(dtstart);
    for (let step = 0; ; step++) {
      if ((step & 255) === 0) this.checkTime();
      if (step >= MAX_STEPS_PER_SERIES || emittedCount() >= MAX_OCCURRENCES_PER_SERIES) {
        this.diagnostics.capped++;
        return;
      }
      if (this.diagnostics.hitGlobalCap) return;
      const next = walk.at(step);
      if (next === undefined) {
        this.diagnostics.unreadable++;
        return;
      }
      if (!next) return;
      const time = sameTimeEachDay ? start.wall : next;
      const wall: WallTime = {
        year: next.year,
        month: next.month,
        day: next.day,
        hour: time.hour,
        minute: time.minute,
        second: time.second,
        isDate: dtstart.isDate,
        utc: dtstart.utc,
        tzid: dtstart.tzid,
      };
      // Cheap tests on the wall-clock time read as if UTC: no zone is more than 14 hours from UTC.
      const rough = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
      if (rough >= windowEnd) return;
      if (until && pastUntil(wall, rough, until, untilEpoch, () => zones.toEpochIn(wall, zone))) return;
      if (rough < windowStart) continue;
      tryEmit(wall);
    }
  }

  /**
   * ical.js's walk through `rule` from `wall`, shared by the series that take the same steps: a timetable
   * repeats many lessons on one weekday by one rule, and a rule that sets no time of day (`sameTimeEachDay`)
   * gives the same days whatever the start time, each at that time.
   */
  private ruleWalk(rule: Record<string, unknown>, wall: WallTime, sameTimeEachDay: boolean): RuleWalk {
    const from = sameTimeEachDay
      ? dateKey(wall)
      : `${dateKey(wall)}T${wall.hour}:${wall.minute}:${wall.second}`;
    const key = `${JSON.stringify(rule)}|${from}|${wall.isDate}`;
    let walk = this.walks.get(key);
    if (!walk) {
      let iterator: ICAL.RecurIterator | undefined;
      try {
        const recur = ICAL.Recur.fromData(rule as Parameters<typeof ICAL.Recur.fromData>[0]);
        const { year, month, day, hour, minute, second, isDate } = wall;
        iterator = recur.iterator(ICAL.Time.fromData({ year, month, day, hour, minute, second, isDate }));
      } catch {
        iterator = undefined;
      }
      walk = new RuleWalk(iterator);
      this.walks.set(key, walk);
    }
    return walk;
  }
}

/**
 * UNTIL of an all-day series, compared as a date. Exchange writes it as a UTC time (the organiser's midnight at
 * the start of the last day), so the last date is the latest whose midnight, somewhere on Earth, falls at or
 * before it; a floating time keeps its own date.
 */
function untilAsDate(until: WallTime): WallTime {
  if (!until.utc) return { ...until, isDate: true, hour: 0, minute: 0, second: 0 };
  const latest = new Date(
    Date.UTC(until.year, until.month - 1, until.day, until.hour, until.minute, until.second) +
      MAX_ZONE_OFFSET_MS,
  );
  return {
    year: latest.getUTCFullYear(),
    month: latest.getUTCMonth() + 1,
    day: latest.getUTCDate(),
    hour: 0,
    minute: 0,
    second: 0,
    isDate: true,
    utc: false,
  };
}

/** RFC 5545 UNTIL: a date is inclusive of that day; a floating time is compared as wall-clock time. */
function pastUntil(
  wall: WallTime,
  rough: number,
  until: WallTime,
  untilEpoch: number | undefined,
  exact: () => number,
) {
  if (until.isDate) return dateKey(wall) > dateKey(until);
  if (untilEpoch === undefined) {
    return rough > Date.UTC(until.year, until.month - 1, until.day, until.hour, until.minute, until.second);
  }
  if (rough > untilEpoch + MAX_ZONE_OFFSET_MS) return true;
  if (rough < untilEpoch - MAX_ZONE_OFFSET_MS) return false;
  return exact() > untilEpoch;
}

/** Frequencies whose steps are shorter than a day, so the time of day changes from one step to the next. */
const TIME_OF_DAY_RULE = new Set(["SECONDLY", "MINUTELY", "HOURLY"]);

/**
 * The times ical.js's RRULE iterator gives, kept as they are read so that other series can read them again:
 * two numbers a step (yyyymmdd and hhmmss), so that a long walk stays small.
 */
class RuleWalk {
  private readonly steps: number[] = [];
  private failed = false;
  /** ical.js could not start on the rule. */
  readonly unstartable: boolean;

  constructor(private iterator: ICAL.RecurIterator | undefined) {
    this.unstartable = !iterator;
  }

  /** The step-th time; null once the rule has ended, undefined where ical.js failed. */
  at(step: number): ClockTime | null | undefined {
    while (this.steps.length <= 2 * step && this.iterator) {
      try {
        const next = this.iterator.next();
        if (next) {
          this.steps.push(
            (next.year * 100 + next.month) * 100 + next.day,
            (next.hour * 100 + next.minute) * 100 + next.second,
          );
        } else this.iterator = undefined;
      } catch {
        this.iterator = undefined;
        this.failed = true;
      }
    }
    const date = this.steps[2 * step];
    const time = this.steps[2 * step + 1];
    if (date === undefined || time === undefined) return this.failed ? undefined : null;
    return {
      year: Math.floor(date / 10_000),
      month: Math.floor(date / 100) % 100,
      day: date % 100,
      hour: Math.floor(time / 10_000),
      minute: Math.floor(time / 100) % 100,
      second: time % 100,
    };
  }
}

const FIXED_PERIOD_MS: Record<string, number> = { HOURLY: 3_600_000, DAILY: DAY_MS, WEEKLY: 7 * DAY_MS };
const BY_PARTS = [
  "bysecond",
  "byminute",
  "byhour",
  "byday",
  "bymonthday",
  "byyearday",
  "byweekno",
  "bymonth",
  "bysetpos",
];

/**
 * A series begun long before the window (a daily rule from 1900) is moved forward by whole periods, so the
 * iterator does not walk a century of days. Only fixed-length periods (hours, days, weeks) keep every BY-part
 * meaning the same; with COUNT, only rules giving one occurrence a period, whose skipped count is then known.
 * Returns undefined when COUNT runs out before the window.
 */
function fastForward(
  rule: Record<string, unknown>,
  dtstart: WallTime,
  windowStart: number,
): { rule: Record<string, unknown>; wall: WallTime } | undefined {
  const period = FIXED_PERIOD_MS[String(rule.freq).toUpperCase()];
  const rough = Date.UTC(
    dtstart.year,
    dtstart.month - 1,
    dtstart.day,
    dtstart.hour,
    dtstart.minute,
    dtstart.second,
  );
  if (!period) return { rule, wall: dtstart };
  const step = period * Number(rule.interval ?? 1);
  const periods = Math.floor((windowStart - step - rough) / step);
  if (periods <= 0) return { rule, wall: dtstart };
  let moved = rule;
  if (rule.count !== undefined) {
    if (BY_PARTS.some((part) => rule[part] !== undefined)) return { rule, wall: dtstart };
    const left = Number(rule.count) - periods;
    if (left <= 0) return undefined;
    moved = { ...rule, count: left };
  }
  const shifted = new Date(rough + periods * step);
  return {
    rule: moved,
    wall: {
      ...dtstart,
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    },
  };
}

const BY_RANGES: Record<string, [number, number]> = {
  bysecond: [0, 60],
  byminute: [0, 59],
  byhour: [0, 23],
  bymonthday: [-31, 31],
  byyearday: [-366, 366],
  byweekno: [-53, 53],
  bymonth: [1, 12],
  bysetpos: [-366, 366],
};

/**
 * Rejects rules ical.js would search forever: out-of-range parts, or a month-day no chosen month has
 * (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 never happens, and ical.js would look for it without end).
 */
function isPossibleRule(rule: Record<string, unknown>): boolean {
  const freq = String(rule.freq ?? "").toUpperCase();
  if (!["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"].includes(freq)) return false;
  const interval = rule.interval === undefined ? 1 : Number(rule.interval);
  if (!Number.isInteger(interval) || interval < 1) return false;
  if (rule.count !== undefined && (!Number.isInteger(Number(rule.count)) || Number(rule.count) < 1))
    return false;
  for (const [part, [min, max]] of Object.entries(BY_RANGES)) {
    for (const value of asList(rule[part])) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max || (n === 0 && min < 0)) return false;
    }
  }
  for (const day of asList(rule.byday)) {
    if (!/^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/i.test(String(day))) return false;
  }
  const months = asList(rule.bymonth).map(Number);
  const monthDays = asList(rule.bymonthday).map(Number);
  if (months.length > 0 && monthDays.length > 0) {
    const longest = Math.max(...months.map((m) => DAYS_IN_MONTH[m - 1] ?? 0));
    if (!monthDays.some((d) => Math.abs(d) <= longest)) return false;
  }
  return true;
}
