import { DateTime } from "luxon";
import type { Profile, Span, TermDates, Weekday } from "../model";

const DAY_MS = 86_400_000;

/** One local calendar day in the profile's zone. */
export interface DayInfo {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** Epoch ms of local midnight, and of the next local midnight. */
  start: number;
  end: number;
  weekday: Weekday;
  /** False on a day with a clock change (23 or 25 hours long): local times then go through luxon. */
  uniform: boolean;
  /** Index into `terms`, or -1 outside every term. */
  term: number;
  /** Inside [academicYearStart, +1 year). */
  inYear: boolean;
  training: boolean;
}

export interface WeekInfo {
  index: number;
  /** Local date of the week's first day. */
  start: string;
  /** Index of its first day in `days`. */
  firstDay: number;
  /** Position in the timetable cycle (0 or 1 for a two-week cycle). */
  cycle: number;
}

/**
 * The academic year laid out as whole weeks of local days in the profile's zone. Built once per
 * (zone, year, week start, terms) with one luxon DateTime per day; items are then placed on days by a binary
 * search over day starts, so no luxon object is made per item.
 */
export interface YearCalendar {
  zone: string;
  yearStart: string;
  /** Exclusive local end date of the academic year. */
  yearEnd: string;
  /** Epoch ms bounds of the academic year. */
  startInstant: number;
  endInstant: number;
  days: DayInfo[];
  weeks: WeekInfo[];
  terms: TermDates[];
  /** True when the profile gave no term dates and `terms` are an approximation. */
  approximateTerms: boolean;
  dayStarts: Float64Array;
}

export function parseHm(hm: string): number {
  const [h, m] = hm.split(":");
  return Number(h) * 60 + Number(m);
}

const cache = new Map<string, YearCalendar>();

/** Wall-clock minutes after midnight as "HH:MM". */
export function formatHm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Term dates for a year that has none given (the jurisdiction's pack knows the usual shape). */
export type ApproximateTerms = (yearStart: string) => TermDates[];

type CalendarProfile = Pick<
  Profile,
  "timeZone" | "academicYearStart" | "weekStart" | "cycleWeeks" | "jurisdiction" | "terms" | "trainingDays"
>;

export function calendarFor(profile: CalendarProfile, approximate: ApproximateTerms): YearCalendar {
  const key = [
    profile.timeZone,
    profile.academicYearStart,
    profile.weekStart,
    profile.cycleWeeks,
    profile.jurisdiction,
    JSON.stringify(profile.terms),
    profile.trainingDays.join(","),
  ].join("|");
  let cal = cache.get(key);
  if (!cal) {
    if (cache.size > 16) cache.clear();
    cal = buildCalendar(profile, approximate);
    cache.set(key, cal);
  }
  return cal;
}

/** The academic year: from the first day's midnight in the profile's zone to the same date a year on. */
export function academicYearSpan(profile: Pick<Profile, "academicYearStart" | "timeZone">): Span {
  const start = DateTime.fromISO(profile.academicYearStart, { zone: profile.timeZone }).startOf("day");
  return { start: start.toMillis(), end: start.plus({ years: 1 }).toMillis() };
}

function buildCalendar(profile: CalendarProfile, approximate: ApproximateTerms): YearCalendar {
  const zone = profile.timeZone;
  const year = academicYearSpan(profile);
  const yearStartDt = DateTime.fromMillis(year.start, { zone });
  const yearEndDt = DateTime.fromMillis(year.end, { zone });
  const back = (yearStartDt.weekday - profile.weekStart + 7) % 7;
  const first = yearStartDt.minus({ days: back });
  const isApproximate = profile.terms.length === 0;
  const terms = isApproximate
    ? approximate(profile.academicYearStart)
    : [...profile.terms].sort((a, b) => (a.start < b.start ? -1 : 1));
  const training = new Set(profile.trainingDays);
  const yearStart = profile.academicYearStart;
  const yearEnd = yearEndDt.toISODate() ?? "";

  const days: DayInfo[] = [];
  const weeks: WeekInfo[] = [];
  let cursor = first;
  while (cursor < yearEndDt || days.length % 7 !== 0) {
    const next = cursor.plus({ days: 1 });
    const date = cursor.toISODate() ?? "";
    if (days.length % 7 === 0) {
      const index = weeks.length;
      weeks.push({ index, start: date, firstDay: days.length, cycle: index % profile.cycleWeeks });
    }
    const start = cursor.toMillis();
    const end = next.toMillis();
    days.push({
      date,
      start,
      end,
      weekday: cursor.weekday as Weekday,
      uniform: end - start === DAY_MS,
      term: terms.findIndex((t) => t.start <= date && date <= t.end),
      inYear: date >= yearStart && date < yearEnd,
      training: training.has(date),
    });
    cursor = next;
  }
  return {
    zone,
    yearStart,
    yearEnd,
    startInstant: yearStartDt.toMillis(),
    endInstant: yearEndDt.toMillis(),
    days,
    weeks,
    terms,
    approximateTerms: isApproximate,
    dayStarts: Float64Array.from(days.map((d) => d.start)),
  };
}

/** Index of the local day containing `instant`, or -1 outside the calendar. */
export function dayIndexOf(cal: YearCalendar, instant: number): number {
  const starts = cal.dayStarts;
  if (instant < starts[0]! || instant >= cal.days[cal.days.length - 1]!.end) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= instant) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Local minutes since midnight of `instant` on day `dayIndex` (wall-clock, so 09:00 is 540 on any day). */
export function localMinute(cal: YearCalendar, dayIndex: number, instant: number): number {
  const day = cal.days[dayIndex]!;
  if (day.uniform) return (instant - day.start) / 60_000;
  const dt = DateTime.fromMillis(instant, { zone: cal.zone });
  const sameDay = dt.toISODate() === day.date;
  return (sameDay ? 0 : 1440) + dt.hour * 60 + dt.minute + dt.second / 60;
}

/** Epoch ms of wall-clock time `minutes` after local midnight on day `dayIndex`. */
export function instantAt(cal: YearCalendar, dayIndex: number, minutes: number): number {
  const day = cal.days[dayIndex]!;
  if (day.uniform) return day.start + minutes * 60_000;
  const whole = Math.floor(minutes / 1440);
  const rest = minutes - whole * 1440;
  return DateTime.fromISO(day.date, { zone: cal.zone })
    .plus({ days: whole })
    .set({ hour: Math.floor(rest / 60), minute: Math.floor(rest % 60), second: Math.round((rest % 1) * 60) })
    .toMillis();
}

/** Local date (YYYY-MM-DD) of the first day of the week containing `instant`, in the profile's zone. */
export function weekStartOf(instant: number, profile: Pick<Profile, "timeZone" | "weekStart">): string {
  const dt = DateTime.fromMillis(instant, { zone: profile.timeZone });
  const back = (dt.weekday - profile.weekStart + 7) % 7;
  return dt.minus({ days: back }).toISODate() ?? "";
}

/** Index of the week that starts on local date `weekStart`, or -1. */
export function weekIndexOf(cal: YearCalendar, weekStart: string): number {
  const first = cal.weeks[0];
  if (!first) return -1;
  const utc = { zone: "utc" };
  const days = DateTime.fromISO(weekStart, utc).diff(DateTime.fromISO(first.start, utc), "days").days;
  const i = Math.round(days / 7);
  return cal.weeks[i]?.start === weekStart ? i : -1;
}
