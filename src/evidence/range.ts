import { DateTime } from "luxon";
import type { Profile } from "../model";
import { calendarOf } from "../rules/catalogue";

/** A date range for an evidence pack: inclusive local dates in the profile's zone, and how to say it. */
export interface EvidenceRange {
  from: string;
  to: string;
  label: string;
}

export type RangeChoice =
  { kind: "week" } | { kind: "term" } | { kind: "year" } | { kind: "dates"; from: string; to: string };

export class RangeError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function spoken(from: string, to: string): string {
  const a = DateTime.fromISO(from);
  const b = DateTime.fromISO(to);
  return `${a.toFormat(a.year === b.year ? "d LLL" : "d LLL yyyy")} – ${b.toFormat("d LLL yyyy")}`;
}

/**
 * This week, this term (the term holding today, else the next one, else the last), the academic year, or
 * the teacher's own dates, clipped to the academic year the ledger counts.
 */
export function resolveRange(choice: RangeChoice, profile: Profile, now: number): EvidenceRange {
  const cal = calendarOf(profile);
  const yearFrom = cal.yearStart;
  const yearTo = DateTime.fromISO(cal.yearEnd).minus({ days: 1 }).toISODate() ?? cal.yearEnd;
  const today = DateTime.fromMillis(now, { zone: profile.timeZone });
  const todayDate = today.toISODate() ?? "";
  if (choice.kind === "year") {
    return { from: yearFrom, to: yearTo, label: `Academic year ${spoken(yearFrom, yearTo)}` };
  }
  if (choice.kind === "week") {
    const back = (today.weekday - profile.weekStart + 7) % 7;
    const first = today.minus({ days: back });
    const from = first.toISODate() ?? "";
    const to = first.plus({ days: 6 }).toISODate() ?? "";
    return { from, to, label: `Week of ${spoken(from, to)}` };
  }
  if (choice.kind === "term") {
    const terms = cal.terms;
    const term =
      terms.find((t) => t.start <= todayDate && todayDate <= t.end) ??
      terms.find((t) => t.start > todayDate) ??
      terms[terms.length - 1];
    if (!term) throw new RangeError("No term dates are set.");
    return { from: term.start, to: term.end, label: `${term.name} ${spoken(term.start, term.end)}` };
  }
  const { from, to } = choice;
  if (!DATE.test(from) || !DATE.test(to) || !DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid)
    throw new RangeError("Give both dates as day, month and year.");
  if (from > to) throw new RangeError("The first date is after the last one.");
  if (to < yearFrom || from > yearTo)
    throw new RangeError(`Those dates fall outside the academic year ${spoken(yearFrom, yearTo)}.`);
  const a = from < yearFrom ? yearFrom : from;
  const b = to > yearTo ? yearTo : to;
  return { from: a, to: b, label: spoken(a, b) };
}
