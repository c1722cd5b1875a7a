import type { Profile, WorkItem } from "../model";
import { calendarFor, dayIndexOf, instantAt, parseHm } from "../time";
import { paramsFor } from "./catalogue";
import { str } from "./util";

export interface SendWindow {
  /** Local date YYYY-MM-DD. */
  date: string;
  start: number;
  end: number;
}

/**
 * The times on each day when sending work email keeps within the rules (eng.email.directed: the day's directed
 * time; ni.comms and ie.disconnect: the school day). For the send guard's precomputed policy. A contracted
 * day with no directed items falls back to the school day; other days have no window.
 */
export function sendWindows(
  items: readonly WorkItem[],
  profile: Profile,
  from: number,
  days: number,
): SendWindow[] {
  const cal = calendarFor(profile);
  const first = dayIndexOf(cal, from);
  if (first < 0) return [];
  const byDirected = str(paramsFor(profile)("eng.email.directed"), "window", "directed") === "directed";
  const contracted = new Set(profile.contractedDays);
  const dayFrom = parseHm(profile.schoolDayStart);
  const dayTo = parseHm(profile.schoolDayEnd);
  const spans = new Map<number, [number, number]>();
  if (byDirected) {
    for (const it of items) {
      if (it.allDay || !it.directed || it.end <= cal.days[first]!.start) continue;
      const d = dayIndexOf(cal, it.start);
      if (d < first || d >= first + days) continue;
      const s = spans.get(d);
      spans.set(d, s ? [Math.min(s[0], it.start), Math.max(s[1], it.end)] : [it.start, it.end]);
    }
  }
  const out: SendWindow[] = [];
  for (let d = first; d < Math.min(cal.days.length, first + days); d++) {
    const day = cal.days[d]!;
    const span = spans.get(d);
    if (span) out.push({ date: day.date, start: span[0], end: span[1] });
    else if (contracted.has(day.weekday))
      out.push({ date: day.date, start: instantAt(cal, d, dayFrom), end: instantAt(cal, d, dayTo) });
  }
  return out;
}
