/**
 * Writes demo/teacher-term.ics: a made-up England secondary maths teacher's autumn term 2026 (1 Sep – 18 Dec,
 * half term 26–30 Oct), shaped like an Exchange / Office 365 export (TZID "GMT Standard Time" with its
 * VTIMEZONE, weekly series with EXDATEs and moved occurrences). Run: `npx tsx demo/make-term.ts`.
 *
 * It is built to raise findings: a week with two after-school meetings and a parents' evening (three evenings),
 * a week whose PPA is lost to cover (under 10%), cover slots, mock invigilation, and entries the classifier
 * must ask about ("Line management", "Catch-up with HoD").
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EXCHANGE_LONDON_VTIMEZONE } from "../testing/synthetic-calendar";

const TZ = "GMT Standard Time";
const TERM_FIRST_DAY = "2026-09-02"; // pupils start the day after the INSET day
const UNTIL = "20261218T235959Z";
const HALF_TERM = ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"];

/** Five-period day: [start, end] local times. */
const PERIODS: Record<number, [string, string]> = {
  1: ["08:50", "09:50"],
  2: ["09:50", "10:50"],
  3: ["11:10", "12:10"],
  4: ["12:10", "13:10"],
  5: ["13:55", "14:55"],
};
const DAYS = ["MO", "TU", "WE", "TH", "FR"] as const;
type Day = (typeof DAYS)[number];

/** The week's timetable: [day, period, title, room]. */
const TIMETABLE: [Day, number, string, string][] = [
  ["MO", 1, "9X1 Ma", "M12"],
  ["MO", 2, "11A1 Ma", "M12"],
  ["MO", 3, "7Y2 Ma", "M12"],
  ["MO", 4, "12MA1", "M14"],
  ["MO", 5, "Non-contact", ""],
  ["TU", 1, "10B2 Ma", "M12"],
  ["TU", 2, "8C3 Ma", "M12"],
  ["TU", 3, "9X1 Ma", "M12"],
  ["TU", 4, "PPA", "Maths office"],
  ["TU", 5, "13MA2", "M14"],
  ["WE", 1, "Non-contact", ""],
  ["WE", 2, "11A1 Ma", "M12"],
  ["WE", 3, "12MA1", "M14"],
  ["WE", 4, "7Y2 Ma", "M12"],
  ["WE", 5, "10B2 Ma", "M12"],
  ["TH", 1, "8C3 Ma", "M12"],
  ["TH", 2, "PPA", "Maths office"],
  ["TH", 3, "13MA2", "M14"],
  ["TH", 4, "9X1 Ma", "M12"],
  ["TH", 5, "11A1 Ma", "M12"],
  ["FR", 1, "10B2 Ma", "M12"],
  ["FR", 2, "7Y2 Ma", "M12"],
  ["FR", 3, "Non-contact", ""],
  ["FR", 4, "8C3 Ma", "M12"],
  ["FR", 5, "12MA1", "M14"],
];

const lines: string[] = [];
let uidCounter = 0;

function uid(): string {
  uidCounter++;
  return `040000008200E00074C5B7101A82E00800000000DEMO${String(uidCounter).padStart(4, "0")}`;
}

function stamp(date: string, time: string): string {
  return `${date.replace(/-/g, "")}T${time.replace(":", "")}00`;
}

function firstOnOrAfter(date: string, day: Day): string {
  const d = new Date(`${date}T12:00:00Z`);
  while (DAYS[(d.getUTCDay() + 6) % 7] !== day) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function dateOfWeek(weekMonday: string, day: Day): string {
  return firstOnOrAfter(weekMonday, day);
}

function event(props: string[]): void {
  lines.push(
    "BEGIN:VEVENT",
    ...props,
    "CLASS:PUBLIC",
    "PRIORITY:5",
    "DTSTAMP:20260820T090000Z",
    "TRANSP:OPAQUE",
    "STATUS:CONFIRMED",
    "SEQUENCE:0",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "END:VEVENT",
  );
}

function timed(date: string, start: string, end: string): string[] {
  return [`DTSTART;TZID=${TZ}:${stamp(date, start)}`, `DTEND;TZID=${TZ}:${stamp(date, end)}`];
}

function allDay(first: string, afterLast: string): string[] {
  return [
    `DTSTART;VALUE=DATE:${first.replace(/-/g, "")}`,
    `DTEND;VALUE=DATE:${afterLast.replace(/-/g, "")}`,
    "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
  ];
}

/** A weekly series on `day` through the term, skipping half term; returns its UID. */
function weekly(day: Day, start: string, end: string, title: string, location: string, interval = 1): string {
  const id = uid();
  const first = firstOnOrAfter(TERM_FIRST_DAY, day);
  const skipped = HALF_TERM.filter((d) => dateOfWeek("2026-10-26", day) === d);
  event([
    `UID:${id}`,
    `SUMMARY:${title}`,
    ...timed(first, start, end),
    `RRULE:FREQ=WEEKLY;UNTIL=${UNTIL};INTERVAL=${interval};BYDAY=${day};WKST=MO`,
    ...skipped.map((d) => `EXDATE;TZID=${TZ}:${stamp(d, start)}`),
    `LOCATION:${location}`,
  ]);
  return id;
}

/** Moves or retitles one occurrence of a series (Exchange writes these as RECURRENCE-ID exceptions). */
function exception(
  seriesUid: string,
  date: string,
  start: string,
  end: string,
  title: string,
  location = "",
): void {
  event([
    `UID:${seriesUid}`,
    `RECURRENCE-ID;TZID=${TZ}:${stamp(date, start)}`,
    `SUMMARY:${title}`,
    ...timed(date, start, end),
    `LOCATION:${location}`,
  ]);
}

function oneOff(
  date: string,
  start: string,
  end: string,
  title: string,
  location = "",
  description = "",
): void {
  event([
    `UID:${uid()}`,
    `SUMMARY:${title}`,
    ...timed(date, start, end),
    `LOCATION:${location}`,
    ...(description ? [`DESCRIPTION:${description}`] : []),
  ]);
}

lines.push(
  "BEGIN:VCALENDAR",
  "METHOD:PUBLISH",
  "PRODID:Microsoft Exchange Server 2010",
  "VERSION:2.0",
  "X-WR-CALNAME:Calendar",
  "X-COMMENT:MADE-UP DEMO DATA for Within Hours. No real teacher\\, school or pupil. Generated by demo/make-term.ts.",
  ...EXCHANGE_LONDON_VTIMEZONE,
);

// Term calendar: INSET on 1 September, half term, the Christmas holiday.
event([`UID:${uid()}`, "SUMMARY:INSET day", ...allDay("2026-09-01", "2026-09-02"), "LOCATION:Main hall"]);
event([`UID:${uid()}`, "SUMMARY:Half term", ...allDay("2026-10-26", "2026-10-31")]);
event([`UID:${uid()}`, "SUMMARY:Christmas holidays", ...allDay("2026-12-19", "2027-01-04")]);

// Daily registration and the timetable.
for (const day of DAYS) weekly(day, "08:35", "08:50", "Registration 9X", "M12");
const series = new Map<string, string>();
for (const [day, period, title, room] of TIMETABLE) {
  const [start, end] = PERIODS[period] ?? ["", ""];
  series.set(`${day}${period}`, weekly(day, start, end, title, room));
}

// Duties and meetings.
weekly("TU", "10:50", "11:10", "Break duty - Yard", "Yard");
weekly("MO", "08:15", "08:35", "Staff briefing", "Staff room");
weekly("WE", "15:30", "16:30", "Dept meeting", "M12", 2);

// Week of 23 Nov: a long staff meeting, the fortnightly department meeting and a parents' evening.
oneOff("2026-11-24", "15:30", "17:00", "Staff meeting: behaviour policy", "Main hall");
oneOff("2026-11-26", "16:00", "19:30", "Parents' Evening Y11", "Sports hall");

// Training and development.
oneOff("2026-10-08", "15:45", "17:45", "Twilight CPD: adaptive teaching", "Library");
oneOff("2026-11-05", "11:10", "11:40", "Learning walk", "");

// Cover: one slot lands on PPA in the week of 12 October, so that week's PPA falls below 10%.
exception(series.get("TU4") ?? "", "2026-10-13", "12:10", "13:10", "Cover 8B2 for JSM", "S4");
exception(series.get("FR3") ?? "", "2026-11-27", "11:10", "12:10", "Cover 10C Sci for KLM", "S2");
exception(series.get("WE1") ?? "", "2026-12-09", "08:50", "09:50", "Y11 mock invigilation", "Sports hall");

// Entries the classifier cannot be sure about.
oneOff("2026-09-25", "15:30", "16:00", "Line management", "HoD office");
oneOff("2026-10-22", "15:30", "16:15", "Catch-up with HoD", "HoD office");
oneOff("2026-11-13", "16:30", "17:15", "Dentist", "", "Personal appointment");

lines.push("END:VCALENDAR");

/** RFC 5545 line folding at 75 characters (the text here is ASCII). */
function fold(line: string): string {
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(" " + line.slice(i, i + 74));
  return parts.join("\r\n");
}

const out = fileURLToPath(new URL("./teacher-term.ics", import.meta.url));
writeFileSync(out, lines.map(fold).join("\r\n") + "\r\n");
console.log(`Wrote ${out} (${uidCounter} entries)`);
