/**
 * One page, a whole term: a one- or two-week timetable read from a page, repeated across the term dates in
 * the profile's cycle (Week A/B), skipping training days and every day outside a term (holidays). Only done
 * when the teacher asks for it.
 */
import type { PageItem } from "./types";
import type { TermDates } from "../../model";
import { addDays, mondayOf, zoneOffset, zonedInstant } from "./zoned";

export interface RepeatOptions {
  zone: string;
  /** 1 or 2: the school's timetable cycle. */
  cycleWeeks: 1 | 2;
  terms: readonly TermDates[];
  trainingDays: readonly string[];
}

function local(instant: number, zone: string): { date: string; minutes: number } {
  const shifted = new Date(instant + zoneOffset(zone, instant));
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The reading's timed items repeated into every term week. The first week read is the anchor of the cycle:
 * with a two-week cycle, weeks an even number of weeks from it take its lessons, the others take the second
 * week's. The weeks read themselves are returned as read. Wall-clock times are kept across clock changes.
 */
export function repeatAcrossTerms(items: readonly PageItem[], options: RepeatOptions): PageItem[] {
  const timed = items.filter((i) => !i.allDay);
  if (timed.length === 0) return [...items];
  const { zone, cycleWeeks } = options;
  const anchor = mondayOf(local(Math.min(...timed.map((i) => i.start)), zone).date);
  const pattern: {
    week: number;
    offset: number;
    start: number;
    end: number;
    endOffset: number;
    item: PageItem;
  }[] = [];
  const readWeeks = new Set<number>();
  for (const item of timed) {
    const s = local(item.start, zone);
    const e = local(item.end, zone);
    const days = daysBetween(anchor, s.date);
    const week = Math.floor(days / 7);
    readWeeks.add(week);
    if (week >= cycleWeeks) continue;
    pattern.push({
      week,
      offset: days - week * 7,
      start: s.minutes,
      end: e.minutes,
      endOffset: daysBetween(s.date, e.date),
      item,
    });
  }
  const training = new Set(options.trainingDays);
  const out: PageItem[] = [...items];
  for (const term of options.terms) {
    for (let monday = mondayOf(term.start); monday <= term.end; monday = addDays(monday, 7)) {
      const week = daysBetween(anchor, monday) / 7;
      if (readWeeks.has(week)) continue;
      const position = ((week % cycleWeeks) + cycleWeeks) % cycleWeeks;
      for (const p of pattern) {
        if (p.week !== position) continue;
        const date = addDays(monday, p.offset);
        if (date < term.start || date > term.end || training.has(date)) continue;
        out.push({
          ...p.item,
          start: zonedInstant(zone, date, p.start),
          end: zonedInstant(zone, addDays(date, p.endOffset), p.end),
        });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
