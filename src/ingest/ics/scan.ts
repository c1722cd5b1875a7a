import ICAL from "ical.js";
import type { Diagnostics } from "./diagnostics";
import {
  calendarParts,
  EventProperties,
  isComponent,
  type CalendarParts,
  type Jcal,
  type JcalProperty,
} from "./jcal";
import { IcsError, MAX_ICS_BYTES } from "./types";

/**
 * iCalendar text to calendars of jCal. ical.js parses every property the import reads: a short scanner hands it
 * only those lines, and each distinct line once.
 */
/** Checks that need no parsing: size, the iCalendar header, and a complete ending. */
export function checkIcsText(text: string): string {
  if (text.length > MAX_ICS_BYTES || (text.length > MAX_ICS_BYTES / 3 && utf8Length(text) > MAX_ICS_BYTES)) {
    throw new IcsError(
      "too-large",
      "This calendar file is larger than 20 MB, which is more than a school calendar needs.",
    );
  }
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  // Any line end is read: CRLF, LF, a CR alone, or CR CR LF (what a common Python library writes on Windows).
  const body = /\r(?!\n)/.test(trimmed) ? trimmed.replace(/\r+\n?/g, "\n") : trimmed;
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

/**
 * The calendars in `text`, each as its properties, its VTIMEZONEs and the properties of its events. Components
 * that will not parse are left out and counted in `diagnostics`.
 */
export function parseCalendars(text: string, diagnostics: Diagnostics): CalendarParts[] {
  let calendars = parseRelevantLines(text);
  if (!calendars) {
    const body = relevantLines(text);
    let parsed: unknown;
    try {
      parsed = ICAL.parse(body);
    } catch {
      parsed = parseLeniently(body, diagnostics);
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
function parseLeniently(body: string, diagnostics: Diagnostics): Jcal[] {
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
        else diagnostics.unreadable++;
      } catch {
        diagnostics.unreadable++;
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
  "SEQUENCE",
  "DTSTAMP",
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
