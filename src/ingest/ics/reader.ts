import ICAL from "ical.js";
import { overlaps } from "../../model";
import { Diagnostics } from "./diagnostics";
import {
  isRecord,
  propertyValues,
  textValue,
  type CalendarParts,
  type EventProperties,
  type JcalProperty,
} from "./jcal";
import { MAX_OCCURRENCES_PER_SERIES, RuleExpander, ruleProblem } from "./recurrence";
import { nightWarning, ZONE_HOURS_AWAY, zoneAwayWarning } from "./plausibility";
import { latestRevision } from "./revisions";
import { checkIcsText, parseCalendars } from "./scan";
import {
  DEFAULT_MAX_INSTANCES,
  IcsError,
  type ParsedEvent,
  type ParseOptions,
  type ParseResult,
} from "./types";
import { addDays, dateKey, daysBetween, readTime, type WallTime } from "./wall-time";
import { CalendarZones, type Zone } from "./zones";

/**
 * Calendars to events: each VEVENT grouped with the others of its UID into a series (a master, its overrides),
 * expanded across the window and emitted once per occurrence, with UTC instants.
 */

const cancelledStatus = "CANCELLED";
const MAX_TEXT = 2_000;
const NO_INSTANTS: ReadonlySet<number> = new Set();
const NO_DATES: ReadonlySet<string> = new Set();
const NO_CHANGES: readonly FutureChange[] = [];
const NO_PROPERTIES: readonly JcalProperty[] = [];

/** A this-and-future change to a series, from the occurrence `from` on (its recurrence id). */
interface FutureChange {
  /** A UTC ISO instant for a timed series, YYYY-MM-DD for an all-day one: compared as text. */
  from: string;
  event: EventProperties;
  /** Timed series: the move and the new length. */
  shiftMs: number;
  lengthMs: number;
  /** All-day series: the move and the new length, in days. */
  shiftDays: number;
  days: number;
}

/** The latest change made at or before the occurrence `recurrenceId`, if any. */
function changeFor(changes: readonly FutureChange[], recurrenceId: string): FutureChange | undefined {
  let found: FutureChange | undefined;
  for (const change of changes) {
    if (change.from > recurrenceId) break;
    found = change;
  }
  return found;
}

/** Days since 1970 of a calendar date, to count the days a move spans. */
function dayNumber(time: Pick<WallTime, "year" | "month" | "day">): number {
  return Math.round(Date.UTC(time.year, time.month - 1, time.day) / 86_400_000);
}

export class IcsReader {
  private readonly deadline: number;
  private readonly clock: (() => number) | undefined;
  private readonly maxInstances: number;
  private readonly events: ParsedEvent[] = [];
  /**
   * Occurrences emitted, per uid: the recurrence id, or the start of an occurrence that has none. Most uids
   * have one occurrence, kept as it is; a set is made for the second.
   */
  private readonly seen = new Map<string, string | number | Set<string | number>>();
  private readonly diagnostics: Diagnostics;
  private readonly rules: RuleExpander;
  private readonly defaultZone: Zone;
  /** The calendar being read. */
  private zones: CalendarZones;
  private calendarName: string | undefined;

  constructor(private readonly opts: ParseOptions) {
    this.clock = opts.timeBudget?.now;
    this.deadline = opts.timeBudget ? opts.timeBudget.now() + opts.timeBudget.ms : Infinity;
    this.maxInstances = opts.maxInstances ?? DEFAULT_MAX_INSTANCES;
    this.defaultZone = { kind: "luxon", name: opts.defaultZone };
    this.diagnostics = new Diagnostics({
      defaultZone: opts.defaultZone,
      maxInstances: this.maxInstances,
      maxOccurrencesPerSeries: MAX_OCCURRENCES_PER_SERIES,
    });
    this.rules = new RuleExpander(opts.window, this.diagnostics, () => this.checkTime());
    this.zones = new CalendarZones(this.defaultZone, [], this.diagnostics);
  }

  read(text: string): ParseResult {
    const body = checkIcsText(text);
    for (const calendar of parseCalendars(body, this.diagnostics)) this.readCalendar(calendar);
    this.events.sort((a, b) => a.start - b.start || a.end - b.end);
    const warnings = this.diagnostics.warnings();
    // A zone hours away explains night-time entries too: one warning, naming that cause.
    const zone = this.opts.defaultZone;
    const wrongZone = zoneAwayWarning(this.diagnostics.zonesAway, zone) ?? nightWarning(this.events, zone);
    if (wrongZone) warnings.push(wrongZone);
    return { events: this.events, warnings };
  }

  private readCalendar(calendar: CalendarParts): void {
    this.calendarName = textValue(calendar.properties, "x-wr-calname");
    this.zones = new CalendarZones(this.defaultZone, calendar.timezones, this.diagnostics);
    const groups = new Map<string, EventProperties[]>();
    let anonymous = 0;
    for (const event of calendar.events) {
      const uid = event.uid ?? `no-uid-${++anonymous}`;
      const group = groups.get(uid);
      if (group) group.push(event);
      else groups.set(uid, [event]);
    }
    for (const [uid, components] of groups) {
      if (this.diagnostics.hitGlobalCap) break;
      this.checkTime();
      this.readSeries(uid, components);
    }
    for (const [tzid, hours] of this.zones.zonesAway(this.opts.window.start, ZONE_HOURS_AWAY)) {
      this.diagnostics.zonesAway.set(tzid, hours);
    }
  }

  private readSeries(uid: string, components: EventProperties[]): void {
    const only = components.length === 1 ? components[0] : undefined;
    if (only && !only.recurrenceId) {
      this.readMaster(uid, only, NO_INSTANTS, NO_DATES, NO_CHANGES);
      return;
    }
    const masters = components.filter((c) => !c.recurrenceId);
    const master = masters.length > 1 ? this.latest(masters) : masters[0];
    const masterStart = master ? readTime(master.dtstart) : undefined;
    const masterSpan = master && masterStart ? this.span(master, masterStart) : undefined;
    const inherited =
      masterStart && masterSpan
        ? masterStart.isDate
          ? daysBetween(masterStart, masterSpan.start, masterSpan.end, this.opts.defaultZone)
          : masterSpan.end - masterSpan.start
        : undefined;

    // Overrides replace the occurrence named by their RECURRENCE-ID, wherever they were moved to; of several
    // for one occurrence, the latest revision.
    const byOccurrence = new Map<
      string,
      { rid: WallTime; recurrenceId: string; versions: EventProperties[] }
    >();
    for (const override of components) {
      if (!override.recurrenceId) continue;
      const rid = readTime(override.recurrenceId);
      if (!rid) {
        this.diagnostics.unreadable++;
        continue;
      }
      const allDaySeries = masterStart ? masterStart.isDate : rid.isDate;
      const recurrenceId =
        allDaySeries || rid.isDate ? dateKey(rid) : new Date(this.zones.toEpoch(rid)).toISOString();
      const same = byOccurrence.get(recurrenceId);
      if (same) same.versions.push(override);
      else byOccurrence.set(recurrenceId, { rid, recurrenceId, versions: [override] });
    }
    const overriddenInstants = new Set<number>();
    const overriddenDates = new Set<string>();
    const changes: FutureChange[] = [];
    for (const { rid, recurrenceId, versions } of byOccurrence.values()) {
      const override = versions.length > 1 ? this.latest(versions) : versions[0]!;
      const byDate = recurrenceId.length === 10;
      if (byDate) overriddenDates.add(recurrenceId);
      else overriddenInstants.add(this.zones.toEpoch(rid));
      const span = this.readOverride(uid, override, rid, recurrenceId, inherited, master);
      const range = override.recurrenceId?.[1].range;
      if (span && typeof range === "string" && range.toUpperCase() === "THISANDFUTURE") {
        changes.push(this.futureChange(override, rid, byDate, span));
      }
    }
    changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

    if (master) this.readMaster(uid, master, overriddenInstants, overriddenDates, changes);
  }

  /** The revision that counts, telling the teacher when versions disagree and nothing says which is newer. */
  private latest(versions: EventProperties[]): EventProperties {
    const { chosen, undecided } = latestRevision(versions);
    if (undecided) this.diagnostics.undecidedRevisions.add(clip(chosen.summary) || "(no title)");
    return chosen;
  }

  /**
   * A RECURRENCE-ID;RANGE=THISANDFUTURE override: its move of the start, its length and its details apply to
   * the occurrence it names and to every later one of the series.
   */
  private futureChange(
    event: EventProperties,
    rid: WallTime,
    byDate: boolean,
    span: { start: number; end: number; startWall: WallTime },
  ): FutureChange {
    if (byDate) {
      const from = dateKey(rid);
      const shiftDays = dayNumber(span.startWall) - dayNumber(rid);
      const days = daysBetween(span.startWall, span.start, span.end, this.opts.defaultZone);
      return { from, event, shiftDays, days, shiftMs: 0, lengthMs: 0 };
    }
    const ridEpoch = this.zones.toEpoch(rid);
    return {
      from: new Date(ridEpoch).toISOString(),
      event,
      shiftDays: 0,
      days: 0,
      shiftMs: span.start - ridEpoch,
      lengthMs: span.end - span.start,
    };
  }

  private readOverride(
    uid: string,
    event: EventProperties,
    rid: WallTime,
    recurrenceId: string,
    inherited: number | undefined,
    master: EventProperties | undefined,
  ): { start: number; end: number; startWall: WallTime } | undefined {
    if (event.status?.toUpperCase() === cancelledStatus) return undefined;
    const start = readTime(event.dtstart) ?? rid;
    const span = this.span(event, start, inherited);
    if (!span) return undefined;
    this.emit(uid, recurrenceId, span.start, span.end, start.isDate, event, master);
    return { ...span, startWall: start };
  }

  private readMaster(
    uid: string,
    event: EventProperties,
    overriddenInstants: ReadonlySet<number>,
    overriddenDates: ReadonlySet<string>,
    changes: readonly FutureChange[],
  ) {
    if (event.status?.toUpperCase() === cancelledStatus) return;
    const dtstart = readTime(event.dtstart);
    if (!dtstart) {
      this.diagnostics.unreadable++;
      return;
    }
    const first = this.span(event, dtstart);
    if (!first) return;
    const duration = first.end - first.start;
    const allDay = dtstart.isDate;
    const allDayDays = allDay ? daysBetween(dtstart, first.start, first.end, this.opts.defaultZone) : 0;

    const rrules = event.rrules ?? NO_PROPERTIES;
    const rdates = event.rdates ?? NO_PROPERTIES;
    if (rrules.length === 0 && rdates.length === 0) {
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
        else excludedInstants.add(this.zones.toEpoch(time));
      }
    }
    const isExcluded = (wall: WallTime, epoch: number): boolean =>
      excludedDates.has(dateKey(wall)) ||
      overriddenDates.has(dateKey(wall)) ||
      (!allDay && (excludedInstants.has(epoch) || overriddenInstants.has(epoch)));

    const zone = allDay ? this.defaultZone : this.zones.zoneFor(dtstart);
    const occurrence = (wall: WallTime, explicitEnd?: number) => {
      const start = allDay ? this.zones.toEpochIn(wall, this.defaultZone) : this.zones.toEpochIn(wall, zone);
      const end =
        explicitEnd ??
        (allDay
          ? this.zones.toEpochIn(addDays(wall, allDayDays), this.defaultZone)
          : start + Math.max(0, duration));
      return { start, end };
    };

    let emitted = 0;
    const emittedStarts = new Set<number>();
    const tryEmit = (wall: WallTime, explicitEnd?: number): void => {
      let { start, end } = occurrence(wall, explicitEnd);
      if (emittedStarts.has(start) || isExcluded(wall, start)) return;
      emittedStarts.add(start);
      const recurrenceId = allDay ? dateKey(wall) : new Date(start).toISOString();
      const change = changes.length > 0 ? changeFor(changes, recurrenceId) : undefined;
      if (change && allDay) {
        const moved = addDays(wall, change.shiftDays);
        start = this.zones.toEpochIn(moved, this.defaultZone);
        end = this.zones.toEpochIn(addDays(moved, change.days), this.defaultZone);
      } else if (change) {
        start += change.shiftMs;
        end = start + change.lengthMs;
      }
      if (!overlaps({ start, end }, this.opts.window)) return;
      this.emit(uid, recurrenceId, start, end, allDay, change?.event ?? event, change ? event : undefined);
      emitted++;
    };

    // A series with a runaway or impossible rule is left out whole, with a warning, rather than half-read.
    const rules: Record<string, unknown>[] = [];
    for (const rrule of rrules) {
      const rule = rrule[3];
      const problem = ruleProblem(rule);
      if (problem === "too-frequent") this.diagnostics.tooFrequent++;
      if (problem === "unreadable") this.diagnostics.unreadable++;
      if (problem) return;
      if (isRecord(rule)) rules.push(rule);
    }

    tryEmit(dtstart);
    for (const rdate of rdates) {
      for (const value of propertyValues(rdate)) {
        if (Array.isArray(value)) {
          const [from, to] = value as unknown[];
          const startWall = readTime(rdate, from);
          if (!startWall) continue;
          tryEmit(startWall, this.periodEnd(rdate, startWall, to));
        } else {
          const wall = readTime(rdate, value);
          if (wall) tryEmit(allDay ? { ...wall, isDate: true } : wall);
        }
      }
    }
    for (const rule of rules) {
      this.rules.expand(rule, dtstart, duration, this.zones, tryEmit, () => emitted);
    }
  }

  /** The end of an RDATE period, written as an end (`…/20240913T140000Z`) or a length (`…/PT2H`). */
  private periodEnd(rdate: JcalProperty, start: WallTime, to: unknown): number | undefined {
    if (typeof to !== "string") return undefined;
    if (!/^[+-]?P/i.test(to)) {
      const endWall = readTime(rdate, to);
      return endWall ? this.zones.toEpoch(endWall) : undefined;
    }
    try {
      const seconds = ICAL.Duration.fromString(to).toSeconds();
      return seconds >= 0 ? this.zones.toEpoch(start) + seconds * 1000 : undefined;
    } catch {
      return undefined;
    }
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
    const startEpoch = this.zones.toEpoch(start);
    if (!Number.isFinite(startEpoch)) {
      this.diagnostics.unreadable++;
      return undefined;
    }
    const dtend = readTime(event.dtend);
    if (dtend) {
      const end = start.isDate ? this.zones.toEpoch({ ...dtend, isDate: true }) : this.zones.toEpoch(dtend);
      return { start: startEpoch, end: Number.isFinite(end) ? Math.max(end, startEpoch) : startEpoch };
    }
    const durationText = event.duration;
    if (durationText) {
      try {
        const duration = ICAL.Duration.fromString(durationText);
        if (start.isDate) {
          const days = duration.weeks * 7 + duration.days;
          return { start: startEpoch, end: this.zones.toEpoch(addDays(start, Math.max(days, 1))) };
        }
        return { start: startEpoch, end: startEpoch + Math.max(0, duration.toSeconds() * 1000) };
      } catch {
        // An unreadable duration leaves the defaults below.
      }
    }
    if (inherited !== undefined) {
      return start.isDate
        ? { start: startEpoch, end: this.zones.toEpoch(addDays(start, inherited)) }
        : { start: startEpoch, end: startEpoch + inherited };
    }
    // RFC 5545: a date without an end lasts one day; a date-time without one ends when it starts.
    return { start: startEpoch, end: start.isDate ? this.zones.toEpoch(addDays(start, 1)) : startEpoch };
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
    if (!overlaps({ start, end }, this.opts.window)) return;
    // Per series, rather than one set of joined keys: the occurrences of a series share their uid string.
    const seen = this.seen.get(uid);
    const instant = recurrenceId ?? start;
    if (seen === instant || (seen instanceof Set && seen.has(instant))) return;
    if (this.events.length >= this.maxInstances) {
      this.diagnostics.hitGlobalCap = true;
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

  private checkTime(): void {
    if (this.clock && this.clock() > this.deadline) {
      throw new IcsError(
        "too-complex",
        "This calendar is too complicated to read in reasonable time (it may repeat events without end). Nothing was imported from it.",
      );
    }
  }
}

function clip(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed.length > MAX_TEXT ? trimmed.slice(0, MAX_TEXT) : trimmed;
}
