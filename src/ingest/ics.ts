import ICAL from "ical.js";
import { DateTime } from "luxon";
import { resolveTzid, wallClockToEpoch } from "./timezones";

/**
 * iCalendar (.ics) files and feeds to plain events with UTC instants.
 *
 * ical.js parses every property the import reads (a short scanner hands it only those lines, and each distinct
 * line once); events are read straight from the jCal properties and ical.js's RRULE iterator runs on wall-clock
 * times, so no ICAL.Event is ever built while attached to its calendar (the slow path in PLATFORM.md). Zones go
 * through luxon: IANA, Windows and display-name TZIDs are mapped (timezones.ts), any other TZID uses the file's
 * own VTIMEZONE, and floating times are read in the teacher's zone.
 */
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

/** Parsing on import must finish well inside the 2 s a teacher waits for an answer. */
export const IMPORT_TIME_BUDGET: TimeBudget = {
  ms: 1_500,
  now: () => (typeof performance !== "undefined" ? performance.now() : Date.now()),
};

export const MAX_ICS_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_INSTANCES = 50_000;
/** No school series has more than a few hundred occurrences in a year; more means a runaway rule. */
const MAX_OCCURRENCES_PER_SERIES = 1_500;
/** Steps through a rule before the window, e.g. a daily series begun decades ago. */
const MAX_STEPS_PER_SERIES = 50_000;
/** A VTIMEZONE needs two rules a year at most; thousands are a broken or hostile file. */
const MAX_VTIMEZONE_RULES = 200;
const MAX_TEXT = 2_000;
const DAY_MS = 86_400_000;
const MAX_ZONE_OFFSET_MS = 14 * 3_600_000;

type Jcal = [string, JcalProperty[], Jcal[]];
type JcalProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** A VCALENDAR as the import reads it. */
interface CalendarParts {
  /** The calendar's own properties (X-WR-CALNAME). */
  properties: JcalProperty[];
  /** VTIMEZONE components, as jCal for ICAL.Timezone. */
  timezones: Jcal[];
  events: EventProperties[];
}

/**
 * The properties of a VEVENT the import reads: of each name the first, text values as text, and every RDATE
 * and EXDATE. Events are kept as these rather than as whole components while a calendar is read.
 */
class EventProperties {
  uid: string | undefined = undefined;
  status: string | undefined = undefined;
  summary: string | undefined = undefined;
  location: string | undefined = undefined;
  description: string | undefined = undefined;
  duration: string | undefined = undefined;
  dtstart: JcalProperty | undefined = undefined;
  dtend: JcalProperty | undefined = undefined;
  rrule: JcalProperty | undefined = undefined;
  recurrenceId: JcalProperty | undefined = undefined;
  rdates: JcalProperty[] | undefined = undefined;
  exdates: JcalProperty[] | undefined = undefined;
  /** A bit per name already read, so that a repeated property does not replace the first. */
  private found = 0;

  add(prop: JcalProperty): void {
    switch (prop[0]) {
      case "uid":
        if (!(this.found & 1)) this.uid = textOf(prop);
        this.found |= 1;
        break;
      case "status":
        if (!(this.found & 2)) this.status = textOf(prop);
        this.found |= 2;
        break;
      case "summary":
        if (!(this.found & 4)) this.summary = textOf(prop);
        this.found |= 4;
        break;
      case "location":
        if (!(this.found & 8)) this.location = textOf(prop);
        this.found |= 8;
        break;
      case "description":
        if (!(this.found & 16)) this.description = textOf(prop);
        this.found |= 16;
        break;
      case "duration":
        if (!(this.found & 32)) this.duration = textOf(prop);
        this.found |= 32;
        break;
      case "dtstart":
        if (!(this.found & 64)) this.dtstart = prop;
        this.found |= 64;
        break;
      case "dtend":
        if (!(this.found & 128)) this.dtend = prop;
        this.found |= 128;
        break;
      case "rrule":
        if (!(this.found & 256)) this.rrule = prop;
        this.found |= 256;
        break;
      case "recurrence-id":
        if (!(this.found & 512)) this.recurrenceId = prop;
        this.found |= 512;
        break;
      case "rdate":
        (this.rdates ??= []).push(prop);
        break;
      case "exdate":
        (this.exdates ??= []).push(prop);
        break;
    }
  }
}

/** A calendar as ical.js's own parse gives it. */
function calendarParts(calendar: Jcal): CalendarParts {
  const parts: CalendarParts = { properties: calendar[1], timezones: [], events: [] };
  for (const component of calendar[2]) {
    if (component[0] === "vtimezone") parts.timezones.push(component);
    else if (component[0] === "vevent") {
      const event = new EventProperties();
      for (const prop of component[1]) event.add(prop);
      parts.events.push(event);
    }
  }
  return parts;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  isDate: boolean;
  utc: boolean;
  tzid?: string;
}

/** A zone an event's times are read in. */
type Zone = { kind: "luxon"; name: string } | { kind: "vtimezone"; tz: ICAL.Timezone };

export function parseIcs(text: string, opts: ParseOptions): ParseResult {
  return new IcsReader(opts).read(text);
}

/** Checks that need no parsing: size, the iCalendar header, and a complete ending. */
export function checkIcsText(text: string): string {
  if (text.length > MAX_ICS_BYTES || (text.length > MAX_ICS_BYTES / 3 && utf8Length(text) > MAX_ICS_BYTES)) {
    throw new IcsError(
      "too-large",
      "This calendar file is larger than 20 MB, which is more than a school calendar needs.",
    );
  }
  const body = text.replace(/^\uFEFF/, "").trim();
  if (!body) throw new IcsError("not-icalendar", "This file is empty: it holds no calendar.");
  if (!/^BEGIN:VCALENDAR\r?\n/i.test(body)) {
    throw new IcsError("not-icalendar", "This file is not an iCalendar (.ics) calendar.");
  }
  if (!/(^|\n)END:VCALENDAR$/i.test(body)) {
    throw new IcsError(
      "truncated",
      "This calendar file is cut short: its end is missing. Download or export it again.",
    );
  }
  return body;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

const cancelledStatus = "CANCELLED";
const UTC: Zone = { kind: "luxon", name: "UTC" };
const NO_INSTANTS: ReadonlySet<number> = new Set();
const NO_DATES: ReadonlySet<string> = new Set();

class IcsReader {
  private readonly deadline: number;
  private readonly clock: (() => number) | undefined;
  private readonly maxInstances: number;
  private readonly events: ParsedEvent[] = [];
  /**
   * Occurrences emitted, per uid: the recurrence id, or the start of an occurrence that has none. Most uids
   * have one occurrence, kept as it is; a set is made for the second.
   */
  private readonly seen = new Map<string, string | number | Set<string | number>>();
  private readonly unknownZones = new Map<string, number>();
  private readonly fixedOffsetZones = new Map<string, string>();
  private readonly ignoredVtimezones = new Set<string>();
  private unreadable = 0;
  private tooFrequent = 0;
  private capped = 0;
  private hitGlobalCap = false;
  private zoneCache = new Map<string, Zone>();
  private lastZone: { tzid: string; zone: Zone } | undefined;
  private readonly ruleWalks = new Map<string, RuleWalk>();
  private vtimezones = new Map<string, Jcal>();
  private calendarName: string | undefined;
  private readonly defaultZone: Zone;

  constructor(private readonly opts: ParseOptions) {
    this.clock = opts.timeBudget?.now;
    this.deadline = opts.timeBudget ? opts.timeBudget.now() + opts.timeBudget.ms : Infinity;
    this.maxInstances = opts.maxInstances ?? DEFAULT_MAX_INSTANCES;
    this.defaultZone = { kind: "luxon", name: opts.defaultZone };
  }

  read(text: string): ParseResult {
    const body = checkIcsText(text);
    for (const calendar of this.parseCalendars(body)) this.readCalendar(calendar);
    this.events.sort((a, b) => a.start - b.start || a.end - b.end);
    return { events: this.events, warnings: this.warnings() };
  }

  private parseCalendars(text: string): CalendarParts[] {
    let calendars = parseRelevantLines(text);
    if (!calendars) {
      const body = relevantLines(text);
      let parsed: unknown;
      try {
        parsed = ICAL.parse(body);
      } catch {
        parsed = this.parseLeniently(body);
      }
      const list = (isComponent(parsed) ? [parsed] : Array.isArray(parsed) ? parsed : []) as unknown[];
      calendars = list.filter((c): c is Jcal => isComponent(c) && c[0] === "vcalendar").map(calendarParts);
    }
    if (calendars.length === 0)
      throw new IcsError("not-icalendar", "This file is not an iCalendar (.ics) calendar.");
    return calendars;
  }

  /**
   * When the whole file will not parse, read it one component at a time and leave out the ones that are broken.
   * Exchange sometimes wraps a value inside its TZID quotes (`TZID="W. Europe Standard Time:20200609T090000"`);
   * that line is mended first.
   */
  private parseLeniently(body: string): Jcal[] {
    const lines = body.split("\r\n").map(mendQuotedValue);
    const calendars: Jcal[] = [];
    let current: Jcal | undefined;
    let block: string[] = [];
    let depth = 0;
    for (const line of lines) {
      if (!line.trim()) continue;
      const upper = line.toUpperCase();
      if (depth === 0) {
        if (upper.startsWith("BEGIN:VCALENDAR")) {
          current = ["vcalendar", [], []];
          calendars.push(current);
          depth = 1;
        }
        continue;
      }
      if (depth === 1 && upper.startsWith("END:VCALENDAR")) {
        depth = 0;
        continue;
      }
      if (upper.startsWith("BEGIN:")) depth++;
      if (depth === 1) {
        const property = parseProperty(line);
        if (property) current?.[1].push(property);
        continue;
      }
      block.push(line);
      if (upper.startsWith("END:")) depth--;
      if (depth === 1) {
        try {
          const component = ICAL.parse(block.join("\r\n")) as unknown;
          if (isComponent(component)) current?.[2].push(component);
          else this.unreadable++;
        } catch {
          this.unreadable++;
        }
        block = [];
      }
    }
    if (depth !== 0) {
      throw new IcsError(
        "truncated",
        "This calendar file is cut short: its end is missing. Download or export it again.",
      );
    }
    return calendars;
  }

  private readCalendar(calendar: CalendarParts): void {
    this.calendarName = textValue(calendar.properties, "x-wr-calname");
    this.vtimezones = new Map();
    this.zoneCache = new Map();
    this.lastZone = undefined;
    for (const timezone of calendar.timezones) {
      const tzid = textValue(timezone[1], "tzid");
      if (tzid) this.vtimezones.set(tzid, timezone);
    }
    const groups = new Map<string, EventProperties[]>();
    let anonymous = 0;
    for (const event of calendar.events) {
      const uid = event.uid ?? `no-uid-${++anonymous}`;
      const group = groups.get(uid);
      if (group) group.push(event);
      else groups.set(uid, [event]);
    }
    for (const [uid, components] of groups) {
      if (this.hitGlobalCap) break;
      this.checkTime();
      this.readSeries(uid, components);
    }
  }

  private readSeries(uid: string, components: EventProperties[]): void {
    const only = components.length === 1 ? components[0] : undefined;
    if (only && !only.recurrenceId) {
      this.readMaster(uid, only, NO_INSTANTS, NO_DATES);
      return;
    }
    const masters = components.filter((c) => !c.recurrenceId);
    const overrides = components.filter((c) => c.recurrenceId);
    const master = masters[0];
    const masterStart = master ? readTime(master.dtstart) : undefined;
    const masterSpan = master && masterStart ? this.span(master, masterStart) : undefined;
    const inherited =
      masterStart && masterSpan
        ? masterStart.isDate
          ? daysBetween(masterStart, masterSpan.start, masterSpan.end, this.opts.defaultZone)
          : masterSpan.end - masterSpan.start
        : undefined;

    // Overrides replace the occurrence named by their RECURRENCE-ID, wherever they were moved to.
    const overriddenInstants = new Set<number>();
    const overriddenDates = new Set<string>();
    for (const override of overrides) {
      const rid = readTime(override.recurrenceId);
      if (!rid) {
        this.unreadable++;
        continue;
      }
      const allDaySeries = masterStart ? masterStart.isDate : rid.isDate;
      const recurrenceId =
        allDaySeries || rid.isDate ? dateKey(rid) : new Date(this.toEpoch(rid)).toISOString();
      if (allDaySeries || rid.isDate) overriddenDates.add(dateKey(rid));
      else overriddenInstants.add(this.toEpoch(rid));
      this.readOverride(uid, override, rid, recurrenceId, inherited, master);
    }

    for (const [index, component] of masters.entries()) {
      const seriesUid = index === 0 ? uid : `${uid}#${index + 1}`;
      this.readMaster(seriesUid, component, overriddenInstants, overriddenDates);
    }
  }

  private readOverride(
    uid: string,
    event: EventProperties,
    rid: WallTime,
    recurrenceId: string,
    inherited: number | undefined,
    master: EventProperties | undefined,
  ): void {
    if (event.status?.toUpperCase() === cancelledStatus) return;
    const start = readTime(event.dtstart) ?? rid;
    const span = this.span(event, start, inherited);
    if (!span) return;
    this.emit(uid, recurrenceId, span.start, span.end, start.isDate, event, master);
  }

  private readMaster(
    uid: string,
    event: EventProperties,
    overriddenInstants: ReadonlySet<number>,
    overriddenDates: ReadonlySet<string>,
  ) {
    if (event.status?.toUpperCase() === cancelledStatus) return;
    const dtstart = readTime(event.dtstart);
    if (!dtstart) {
      this.unreadable++;
      return;
    }
    const first = this.span(event, dtstart);
    if (!first) return;
    const duration = first.end - first.start;
    const allDay = dtstart.isDate;
    const allDayDays = allDay ? daysBetween(dtstart, first.start, first.end, this.opts.defaultZone) : 0;

    const rruleProp = event.rrule;
    const rdates = event.rdates ?? [];
    if (!rruleProp && rdates.length === 0) {
      if (
        !overriddenInstants.has(first.start) &&
        (overriddenDates.size === 0 || !overriddenDates.has(dateKey(dtstart)))
      ) {
        this.emit(uid, undefined, first.start, first.end, allDay, event);
      }
      return;
    }

    const excludedInstants = new Set<number>();
    const excludedDates = new Set<string>();
    for (const exdate of event.exdates ?? []) {
      for (const value of propertyValues(exdate)) {
        const time = readTime(exdate, value);
        if (!time) continue;
        if (allDay || time.isDate) excludedDates.add(dateKey(time));
        else excludedInstants.add(this.toEpoch(time));
      }
    }
    const isExcluded = (wall: WallTime, epoch: number): boolean =>
      excludedDates.has(dateKey(wall)) ||
      overriddenDates.has(dateKey(wall)) ||
      (!allDay && (excludedInstants.has(epoch) || overriddenInstants.has(epoch)));

    const zone = allDay ? this.defaultZone : this.zoneFor(dtstart);
    const occurrence = (wall: WallTime, explicitEnd?: number) => {
      const start = allDay ? this.toEpochIn(wall, this.defaultZone) : this.toEpochIn(wall, zone);
      const end =
        explicitEnd ??
        (allDay
          ? this.toEpochIn(addDays(wall, allDayDays), this.defaultZone)
          : start + Math.max(0, duration));
      return { start, end };
    };

    let emitted = 0;
    const emittedStarts = new Set<number>();
    const tryEmit = (wall: WallTime, explicitEnd?: number): void => {
      const { start, end } = occurrence(wall, explicitEnd);
      if (emittedStarts.has(start) || isExcluded(wall, start)) return;
      emittedStarts.add(start);
      if (!overlaps(start, end, this.opts.window)) return;
      const recurrenceId = allDay ? dateKey(wall) : new Date(start).toISOString();
      this.emit(uid, recurrenceId, start, end, allDay, event);
      emitted++;
    };

    // A series with a runaway or impossible rule is left out whole, with a warning, rather than half-read.
    if (rruleProp) {
      const rule = rruleProp[3];
      const freq = isRecord(rule) ? String(rule.freq ?? "").toUpperCase() : "";
      if (freq === "SECONDLY" || freq === "MINUTELY") {
        this.tooFrequent++;
        return;
      }
      if (!isRecord(rule) || !isPossibleRule(rule)) {
        this.unreadable++;
        return;
      }
    }

    tryEmit(dtstart);
    for (const rdate of rdates) {
      for (const value of propertyValues(rdate)) {
        if (Array.isArray(value)) {
          const [from, to] = value as unknown[];
          const startWall = readTime(rdate, from);
          if (!startWall) continue;
          const endWall = typeof to === "string" && !to.startsWith("P") ? readTime(rdate, to) : undefined;
          const explicitEnd = endWall ? this.toEpoch(endWall) : undefined;
          tryEmit(startWall, explicitEnd);
        } else {
          const wall = readTime(rdate, value);
          if (wall) tryEmit(allDay ? { ...wall, isDate: true } : wall);
        }
      }
    }
    if (rruleProp) this.expandRule(rruleProp, dtstart, duration, tryEmit, () => emitted);
  }

  /** Walks the RRULE in wall-clock time, so a 09:00 lesson stays at 09:00 across clock changes. */
  private expandRule(
    rruleProp: JcalProperty,
    dtstart: WallTime,
    duration: number,
    tryEmit: (wall: WallTime) => void,
    emittedCount: () => number,
  ): void {
    const rule = rruleProp[3] as Record<string, unknown>;
    const until = typeof rule.until === "string" ? readTimeString(rule.until) : undefined;
    const untilEpoch = until?.utc ? this.toEpoch(until) : undefined;
    // A series that ended before the year starts has nothing to expand.
    if (untilEpoch !== undefined && untilEpoch < this.opts.window.start - 2 * DAY_MS) return;
    const windowStart = this.opts.window.start - Math.max(0, duration) - 2 * DAY_MS;
    const windowEnd = this.opts.window.end + 2 * DAY_MS;
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
      this.unreadable++;
      return;
    }

    const zone = dtstart.isDate ? this.defaultZone : this.zoneFor(dtstart);
    for (let step = 0; ; step++) {
      if ((step & 255) === 0) this.checkTime();
      if (step >= MAX_STEPS_PER_SERIES || emittedCount() >= MAX_OCCURRENCES_PER_SERIES) {
        this.capped++;
        return;
      }
      if (this.hitGlobalCap) return;
      const next = walk.at(step);
      if (next === undefined) {
        this.unreadable++;
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
      if (until && pastUntil(wall, rough, until, untilEpoch, () => this.toEpochIn(wall, zone))) return;
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
    let walk = this.ruleWalks.get(key);
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
      this.ruleWalks.set(key, walk);
    }
    return walk;
  }

  /**
   * Start and end of an event from DTSTART with DTEND or DURATION. A moved occurrence that gives neither keeps
   * the length of its series (`inherited`, in milliseconds or, for all-day events, days).
   */
  private span(
    event: EventProperties,
    start: WallTime,
    inherited?: number,
  ): { start: number; end: number } | undefined {
    const startEpoch = this.toEpoch(start);
    if (!Number.isFinite(startEpoch)) {
      this.unreadable++;
      return undefined;
    }
    const dtend = readTime(event.dtend);
    if (dtend) {
      const end = start.isDate ? this.toEpoch({ ...dtend, isDate: true }) : this.toEpoch(dtend);
      return { start: startEpoch, end: Number.isFinite(end) ? Math.max(end, startEpoch) : startEpoch };
    }
    const durationText = event.duration;
    if (durationText) {
      try {
        const duration = ICAL.Duration.fromString(durationText);
        if (start.isDate) {
          const days = duration.weeks * 7 + duration.days;
          return { start: startEpoch, end: this.toEpoch(addDays(start, Math.max(days, 1))) };
        }
        return { start: startEpoch, end: startEpoch + Math.max(0, duration.toSeconds() * 1000) };
      } catch {
        // An unreadable duration leaves the defaults below.
      }
    }
    if (inherited !== undefined) {
      return start.isDate
        ? { start: startEpoch, end: this.toEpoch(addDays(start, inherited)) }
        : { start: startEpoch, end: startEpoch + inherited };
    }
    // RFC 5545: a date without an end lasts one day; a date-time without one ends when it starts.
    return { start: startEpoch, end: start.isDate ? this.toEpoch(addDays(start, 1)) : startEpoch };
  }

  private emit(
    uid: string,
    recurrenceId: string | undefined,
    start: number,
    end: number,
    allDay: boolean,
    event: EventProperties,
    fallback?: EventProperties,
  ): void {
    if (!overlaps(start, end, this.opts.window)) return;
    // Per series, rather than one set of joined keys: the occurrences of a series share their uid string.
    const seen = this.seen.get(uid);
    const instant = recurrenceId ?? start;
    if (seen === instant || (seen instanceof Set && seen.has(instant))) return;
    if (this.events.length >= this.maxInstances) {
      this.hitGlobalCap = true;
      return;
    }
    if (seen === undefined) this.seen.set(uid, instant);
    else if (seen instanceof Set) seen.add(instant);
    else this.seen.set(uid, new Set([seen, instant]));
    const parsed: ParsedEvent = {
      uid,
      start,
      end,
      allDay,
      title: clip(event.summary ?? fallback?.summary) || "(no title)",
    };
    if (recurrenceId !== undefined) parsed.recurrenceId = recurrenceId;
    const location = clip(event.location ?? fallback?.location);
    if (location) parsed.location = location;
    const description = clip(event.description ?? fallback?.description);
    if (description) parsed.description = description;
    if (this.calendarName) parsed.calendarName = this.calendarName;
    this.events.push(parsed);
  }

  private toEpoch(time: WallTime): number {
    if (time.isDate) return this.toEpochIn(time, this.defaultZone);
    if (time.utc) return this.toEpochIn(time, UTC);
    return this.toEpochIn(time, this.zoneFor(time));
  }

  private toEpochIn(time: WallTime, zone: Zone): number {
    if (time.utc && !time.isDate) {
      return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    }
    const hour = time.isDate ? 0 : time.hour;
    const minute = time.isDate ? 0 : time.minute;
    const second = time.isDate ? 0 : time.second;
    if (zone.kind === "luxon") {
      return wallClockToEpoch(zone.name, time.year, time.month, time.day, hour, minute, second);
    }
    const icalTime = ICAL.Time.fromData(
      { year: time.year, month: time.month, day: time.day, hour, minute, second, isDate: false },
      zone.tz,
    );
    return icalTime.toUnixTime() * 1000;
  }

  private zoneFor(time: WallTime): Zone {
    if (time.utc) return UTC;
    const tzid = time.tzid;
    if (!tzid) return this.defaultZone;
    // A file mostly uses one zone: comparing with the last name is cheaper than looking it up.
    if (tzid === this.lastZone?.tzid) return this.lastZone.zone;
    let zone = this.zoneCache.get(tzid);
    if (!zone) {
      zone = this.resolveZone(tzid);
      this.zoneCache.set(tzid, zone);
    }
    this.lastZone = { tzid, zone };
    return zone;
  }

  private resolveZone(tzid: string): Zone {
    const mapped = resolveTzid(tzid);
    if (mapped && mapped.how !== "fixed-offset") return { kind: "luxon", name: mapped.zone };
    const vtimezone = this.vtimezones.get(tzid);
    if (vtimezone) {
      const rules = vtimezone[2].filter((c) => c[0] === "standard" || c[0] === "daylight").length;
      if (rules > MAX_VTIMEZONE_RULES) {
        this.ignoredVtimezones.add(tzid);
      } else if (rules > 0) {
        try {
          return { kind: "vtimezone", tz: new ICAL.Timezone(new ICAL.Component(vtimezone)) };
        } catch {
          // A VTIMEZONE ical.js cannot use falls through to the mapping or the default zone.
        }
      }
    }
    if (mapped) {
      this.fixedOffsetZones.set(tzid, mapped.zone);
      return { kind: "luxon", name: mapped.zone };
    }
    this.unknownZones.set(tzid, (this.unknownZones.get(tzid) ?? 0) + 1);
    return this.defaultZone;
  }

  private checkTime(): void {
    if (this.clock && this.clock() > this.deadline) {
      throw new IcsError(
        "too-complex",
        "This calendar is too complicated to read in reasonable time (it may repeat events without end). Nothing was imported from it.",
      );
    }
  }

  private warnings(): string[] {
    const warnings: string[] = [];
    const zoneName = this.opts.defaultZone;
    for (const tzid of this.unknownZones.keys()) {
      warnings.push(
        `Some events use a time zone this calendar does not define ("${tzid}"); they were read as ${zoneName}.`,
      );
    }
    for (const [tzid, zone] of this.fixedOffsetZones) {
      warnings.push(
        `Some events use the time zone "${tzid}", which could only be read as a fixed offset (${zone}), without summer time.`,
      );
    }
    for (const tzid of this.ignoredVtimezones) {
      warnings.push(`The definition of the time zone "${tzid}" has thousands of rules and was ignored.`);
    }
    if (this.unreadable > 0) {
      warnings.push(
        `${plural(this.unreadable, "entry", "entries")} could not be read (a date or repeat rule was broken) and ${this.unreadable === 1 ? "was" : "were"} left out.`,
      );
    }
    if (this.tooFrequent > 0) {
      warnings.push(
        `${plural(this.tooFrequent, "event", "events")} repeating every second or every minute ${this.tooFrequent === 1 ? "was" : "were"} left out: no school timetable repeats that often.`,
      );
    }
    if (this.capped > 0) {
      warnings.push(
        `${plural(this.capped, "repeating event", "repeating events")} repeated far more often than a timetable does; only the first ${MAX_OCCURRENCES_PER_SERIES} occurrences in the year were read.`,
      );
    }
    if (this.hitGlobalCap) {
      warnings.push(
        `This calendar has more than ${this.maxInstances} entries in the year; only the first ${this.maxInstances} were read.`,
      );
    }
    return warnings;
  }
}

/** The properties the import reads; Exchange adds a dozen others to every event (X-MICROSOFT-CDO-…). */
const READ_PROPERTIES = [
  "BEGIN",
  "END",
  "UID",
  "SUMMARY",
  "LOCATION",
  "DESCRIPTION",
  "STATUS",
  "DTSTART",
  "DTEND",
  "DURATION",
  "RRULE",
  "RDATE",
  "EXDATE",
  "RECURRENCE-ID",
  "TZID",
  "TZOFFSETFROM",
  "TZOFFSETTO",
  "X-WR-CALNAME",
];
/** A line the import reads: one of READ_PROPERTIES, then its parameters or value. Sticky, tried at a line start. */
const READ_LINE = new RegExp(`(?:${READ_PROPERTIES.join("|")})[:;]`, "iy");
const COMPONENT_LINE = /(BEGIN|END):/iy;
const UNCACHED_LINE = /^(?:UID|SUMMARY)[:;]/i;
const LOWER_B = "b".charCodeAt(0);
const LOWER_E = "e".charCodeAt(0);
const LOWER_S = "s".charCodeAt(0);
const LOWER_U = "u".charCodeAt(0);
const FOLD = /\r?\n[ \t]/g;

/**
 * Calls `onLine` with each line the import reads, unfolded and without its line end, until it returns false.
 * Most of an Exchange export is properties the import never reads, so they are skipped before any parsing.
 */
function forEachRelevantLine(text: string, onLine: (line: string) => boolean): void {
  const length = text.length;
  for (let pos = 0; pos < length;) {
    let newline = text.indexOf("\n", pos);
    if (newline < 0) newline = length;
    let folded = false;
    for (let next = text.charCodeAt(newline + 1); next === 32 || next === 9;) {
      folded = true;
      newline = text.indexOf("\n", newline + 1);
      if (newline < 0) newline = length;
      next = text.charCodeAt(newline + 1);
    }
    const end = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    let line: string | undefined;
    if (folded) {
      const unfolded = text.slice(pos, end).replace(FOLD, "");
      READ_LINE.lastIndex = 0;
      if (READ_LINE.test(unfolded)) line = unfolded;
    } else {
      READ_LINE.lastIndex = pos;
      if (READ_LINE.test(text)) line = text.slice(pos, end);
    }
    if (line !== undefined && !onLine(line)) return;
    pos = newline + 1;
  }
}

/** The lines the import reads, for ICAL.parse, with CRLF line ends. */
function relevantLines(text: string): string {
  const kept: string[] = [];
  forEachRelevantLine(text, (line) => {
    kept.push(line);
    return true;
  });
  return kept.join("\r\n");
}

/**
 * What ICAL.parse makes of relevantLines(text), read without joining and re-splitting the text, with each
 * calendar's events kept as their properties rather than as whole components. This hand-written part only
 * follows BEGIN/END; ical.js still parses every property and value (ICAL.parse.property), and a line repeated
 * across events (Exchange repeats STATUS, an empty DESCRIPTION and the same few start times) is parsed once and
 * shared, read-only. Anything out of the ordinary (a property outside a component, an END that does not match
 * its BEGIN, a component left open, a line ical.js rejects) returns undefined, and the caller parses the text
 * the ordinary way.
 */
function parseRelevantLines(text: string): CalendarParts[] | undefined {
  const calendars: CalendarParts[] = [];
  /** The open components, outermost first: jCal, or the properties of a calendar's event. */
  const open: { name: string; component?: Jcal; event?: EventProperties }[] = [];
  // The calendar being read, while the outermost open component is a VCALENDAR.
  let calendar: CalendarParts | undefined;
  const properties = new Map<string, JcalProperty>();
  // The lines of the component before, by position: exporters write each event's properties in the same order,
  // and comparing with the line in the same place costs less than looking the line up.
  const lastLines: string[] = [];
  const lastProperties: JcalProperty[] = [];
  let position = 0;
  let regular = true;
  forEachRelevantLine(text, (line) => {
    const current = open[open.length - 1];
    // The first letter, lower-cased, spares most lines the tests below.
    const initial = line.charCodeAt(0) | 32;
    COMPONENT_LINE.lastIndex = 0;
    if ((initial === LOWER_B || initial === LOWER_E) && COMPONENT_LINE.test(line)) {
      const name = line.slice(COMPONENT_LINE.lastIndex).toLowerCase();
      if (initial === LOWER_B) {
        position = 0;
        if (open.length === 1 && calendar && name === "vevent") {
          open.push({ name, event: new EventProperties() });
          return true;
        }
        const component: Jcal = [name, [], []];
        if (open.length === 0) {
          calendar =
            name === "vcalendar" ? { properties: component[1], timezones: [], events: [] } : undefined;
          if (calendar) calendars.push(calendar);
        } else if (open.length > 1) current?.component?.[2].push(component);
        open.push({ name, component });
        return true;
      }
      regular = current?.name === name;
      open.pop();
      if (regular && open.length === 1 && calendar) {
        if (current?.event) calendar.events.push(current.event);
        else if (name === "vtimezone" && current?.component) calendar.timezones.push(current.component);
      }
      return regular;
    }
    const at = position++;
    // UID and SUMMARY lines are seldom repeated, and ical.js reads them faster than they can be looked up.
    const unique = (initial === LOWER_U || initial === LOWER_S) && UNCACHED_LINE.test(line);
    let property = unique ? undefined : lastLines[at] === line ? lastProperties[at] : properties.get(line);
    if (!property) {
      try {
        property = ICAL.parse.property(line, ICAL.design.icalendar) as JcalProperty;
      } catch {
        property = undefined;
      }
      if (!property) return (regular = false);
      if (!unique) properties.set(line, property);
    }
    if (!unique) {
      lastLines[at] = line;
      lastProperties[at] = property;
    }
    if (!current) return (regular = false);
    if (current.event) current.event.add(property);
    else current.component?.[1].push(property);
    return true;
  });
  return regular && open.length === 0 ? calendars : undefined;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function clip(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed.length > MAX_TEXT ? trimmed.slice(0, MAX_TEXT) : trimmed;
}

function overlaps(start: number, end: number, window: { start: number; end: number }): boolean {
  return start < window.end && (end > window.start || (end === start && start >= window.start));
}

function isComponent(value: unknown): value is Jcal {
  return (
    Array.isArray(value) && typeof value[0] === "string" && Array.isArray(value[1]) && Array.isArray(value[2])
  );
}

function findProperty(props: JcalProperty[], name: string): JcalProperty | undefined {
  return props.find((p) => p[0] === name);
}

function propertyValues(prop: JcalProperty): unknown[] {
  return prop.slice(3);
}

function textValue(props: JcalProperty[], name: string): string | undefined {
  const prop = findProperty(props, name);
  return prop && textOf(prop);
}

function textOf(prop: JcalProperty): string | undefined {
  const value = prop[3];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(",");
  return undefined;
}

function parseProperty(line: string): JcalProperty | undefined {
  try {
    return ICAL.parse.property(line) as JcalProperty;
  } catch {
    return undefined;
  }
}

/** `DTSTART;TZID="W. Europe Standard Time:20200609T090000"` → `DTSTART;TZID="W. Europe Standard Time":20200609T090000`. */
function mendQuotedValue(line: string): string {
  return line.replace(/^([A-Za-z-]+(?:;[^:"]*)?;TZID=)"([^":]*):(\d{8}(?:T\d{6}Z?)?)"\s*$/i, '$1"$2":$3');
}

function readTime(prop: JcalProperty | undefined, value: unknown = prop?.[3]): WallTime | undefined {
  if (!prop || typeof value !== "string") return undefined;
  const time = readTimeString(value);
  if (!time) return undefined;
  const tzid = prop[1].tzid;
  if (typeof tzid === "string" && !time.utc) time.tzid = tzid;
  return time;
}

/**
 * jCal date or date-time text, read by position: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` with an optional `Z`, or
 * `YYYY-MM-DDT::`, which is what ical.js makes of a bare date under a date-time property.
 */
function readTimeString(value: string): WallTime | undefined {
  const length = value.length;
  if (length !== 10 && length !== 13 && length !== 19 && length !== 20) return undefined;
  if (value[4] !== "-" || value[7] !== "-") return undefined;
  const isDate = length === 10 || length === 13;
  if (length === 13 && value.slice(10) !== "T::") return undefined;
  if (!isDate && (value[10] !== "T" || value[13] !== ":" || value[16] !== ":")) return undefined;
  const utc = length === 20;
  if (utc && value[19] !== "Z") return undefined;
  const time: WallTime = {
    year: digits(value, 0, 4),
    month: digits(value, 5, 7),
    day: digits(value, 8, 10),
    hour: isDate ? 0 : digits(value, 11, 13),
    minute: isDate ? 0 : digits(value, 14, 16),
    // A leap second (60) is read as the second before it.
    second: isDate ? 0 : Math.min(digits(value, 17, 19), 59),
    isDate,
    utc,
  };
  const valid =
    time.year >= 0 &&
    time.month >= 1 &&
    time.month <= 12 &&
    time.day >= 1 &&
    time.day <= daysInMonth(time.year, time.month) &&
    time.hour >= 0 &&
    time.hour <= 23 &&
    time.minute >= 0 &&
    time.minute <= 59 &&
    time.second >= 0;
  return valid ? time : undefined;
}

/** The number written in value[from, to), or -1 if any character is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
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

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function dateKey(time: Pick<WallTime, "year" | "month" | "day">): string {
  return `${String(time.year).padStart(4, "0")}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;
}

function addDays(time: WallTime, days: number): WallTime {
  const date = DateTime.utc(time.year, time.month, time.day).plus({ days });
  return { ...time, year: date.year, month: date.month, day: date.day };
}

/** Whole days an all-day event covers, counted on the calendar (so clock changes do not matter). */
function daysBetween(start: WallTime, startEpoch: number, endEpoch: number, zone: string): number {
  const end = DateTime.fromMillis(endEpoch, { zone });
  const begin = DateTime.utc(start.year, start.month, start.day);
  const last = DateTime.utc(end.year, end.month, end.day);
  return endEpoch > startEpoch ? Math.max(1, Math.round(last.diff(begin, "days").days)) : 1;
}

/** Frequencies whose steps are shorter than a day, so the time of day changes from one step to the next. */
const TIME_OF_DAY_RULE = new Set(["SECONDLY", "MINUTELY", "HOURLY"]);

type ClockTime = Pick<WallTime, "year" | "month" | "day" | "hour" | "minute" | "second">;

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
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
