import { DateTime } from "luxon";
import type { TermDates } from "../../model";

const iso = (d: DateTime) => d.toISODate() ?? "";

/**
 * Term dates when the profile has none: the usual shape of the year. Good enough for "per term" counts;
 * holidays inside them are unknown, so forecasts say they are approximate.
 */
export function threeUkTerms(yearStart: string): TermDates[] {
  const start = DateTime.fromISO(yearStart);
  const end = start.plus({ years: 1 }).minus({ days: 1 });
  const next = start.year + 1;
  return [
    { name: "Autumn term", start: iso(start), end: `${start.year}-12-31` },
    { name: "Spring term", start: `${next}-01-01`, end: `${next}-03-31` },
    { name: "Summer term", start: `${next}-04-01`, end: iso(end) },
  ];
}

export function fourNzTerms(yearStart: string): TermDates[] {
  const start = DateTime.fromISO(yearStart);
  const end = start.plus({ years: 1 }).minus({ days: 1 });
  const y = start.year;
  return [
    { name: "Term 1", start: iso(start), end: `${y}-04-14` },
    { name: "Term 2", start: `${y}-04-15`, end: `${y}-07-05` },
    { name: "Term 3", start: `${y}-07-06`, end: `${y}-09-27` },
    { name: "Term 4", start: `${y}-09-28`, end: iso(end) },
  ];
}

/** The overlays every UK teacher pack admits: statute, union advice, the disconnect advisories. */
export const UK_TEACHER_OVERLAYS = ["uk-wtr", "union", "ie-disconnect", "au-disconnect"] as const;
