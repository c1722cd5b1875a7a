import { DateTime } from "luxon";
import type { JcalProperty } from "./jcal";

/** Times as written in the file, before any zone is applied: the import works on these until it emits. */
export interface WallTime {
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

export type ClockTime = Pick<WallTime, "year" | "month" | "day" | "hour" | "minute" | "second">;

export const DAY_MS = 86_400_000;
export const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function readTime(prop: JcalProperty | undefined, value: unknown = prop?.[3]): WallTime | undefined {
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
export function readTimeString(value: string): WallTime | undefined {
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

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function dateKey(time: Pick<WallTime, "year" | "month" | "day">): string {
  return `${String(time.year).padStart(4, "0")}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;
}

export function addDays(time: WallTime, days: number): WallTime {
  const date = DateTime.utc(time.year, time.month, time.day).plus({ days });
  return { ...time, year: date.year, month: date.month, day: date.day };
}

/** Whole days an all-day event covers, counted on the calendar (so clock changes do not matter). */
export function daysBetween(start: WallTime, startEpoch: number, endEpoch: number, zone: string): number {
  const end = DateTime.fromMillis(endEpoch, { zone });
  const begin = DateTime.utc(start.year, start.month, start.day);
  const last = DateTime.utc(end.year, end.month, end.day);
  return endEpoch > startEpoch ? Math.max(1, Math.round(last.diff(begin, "days").days)) : 1;
}
