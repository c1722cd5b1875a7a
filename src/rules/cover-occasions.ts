import type { CoverReason, WorkItem } from "../model";
import type { YearCalendar } from "../time";
import type { Params, Placed, WeekAgg } from "./types";
import { keywordMatcher, num, str } from "./util";

/**
 * The rule whose parameters say what "foreseeable" means (asked how far ahead, which absences are planned)
 * where the regime has no cover rule of its own.
 */
export const FORESEEABLE_RULE = "eng.cover.rarely";

/** One cover on the calendar, with what every cover rule and the cover ledger need to know about it. */
export interface CoverOccasion {
  placed: Placed;
  week: number;
  /** Term index in the calendar, or -1 outside the terms. */
  term: number;
  /** Its number among the covers of its term (1 = the first). */
  nthInTerm: number;
  /** Why it looks foreseeable, or "" when it does not. */
  foreseeable: string;
  /** Minutes of PPA or non-contact time it takes. */
  ppaLostMinutes: number;
}

const PLANNED_REASON: Partial<Record<CoverReason, string>> = {
  "planned-course": "the absence is a planned course",
  "planned-trip": "the absence is a planned trip",
  "planned-meeting": "the absence is a planned meeting",
  "long-term": "the absence is long-term",
};

/** Why a cover looks foreseeable, or "" when it does not. */
export function foreseeableReason(
  item: Pick<WorkItem, "start" | "title" | "firstSeen" | "coverReason">,
  aheadMs: number,
  planned: (text: string) => boolean,
  recurring: boolean,
): string {
  const asked = item.firstSeen;
  if (asked !== undefined && item.start - asked > aheadMs) {
    return `asked for ${Math.floor((item.start - asked) / 86_400_000)} days ahead`;
  }
  const category = item.coverReason && PLANNED_REASON[item.coverReason];
  if (category) return category;
  if (planned(item.title)) return "the absence sounds planned";
  if (recurring) return "it recurs at the same time";
  return "";
}

function overlapMinutes(a: WorkItem, b: WorkItem): number {
  return Math.max(0, Math.round((Math.min(a.end, b.end) - Math.max(a.start, b.start)) / 60_000));
}

/**
 * Every cover of the year in order, numbered per term, each with its foreseeable reason (notice, a planned
 * category or title, or the same weekday and time within the previous two weeks) and the PPA it takes.
 */
export function coverOccasions(
  cal: YearCalendar,
  weeks: readonly WeekAgg[],
  params: Params,
): CoverOccasion[] {
  const aheadMs = num(params, "foreseeableDays", 2) * 86_400_000;
  const planned = keywordMatcher(str(params, "plannedAbsence"));
  const perTerm = new Map<number, number>();
  const seen = new Map<string, number>();
  const out: CoverOccasion[] = [];
  for (const w of weeks) {
    let protectedSlots: Placed[] | null = null;
    for (const x of w.items) {
      if (x.item.kind !== "cover") continue;
      const day = cal.days[x.day]!;
      const nthInTerm = (perTerm.get(day.term) ?? 0) + 1;
      perTerm.set(day.term, nthInTerm);
      const slotKey = `${day.weekday}@${Math.round(x.startMin)}`;
      const previous = seen.get(slotKey);
      seen.set(slotKey, w.week.index);
      protectedSlots ??= w.items.filter((y) => y.item.kind === "ppa" || y.item.kind === "non-contact");
      let ppaLostMinutes = 0;
      for (const slot of protectedSlots) ppaLostMinutes += overlapMinutes(x.item, slot.item);
      out.push({
        placed: x,
        week: w.week.index,
        term: day.term,
        nthInTerm,
        foreseeable: foreseeableReason(
          x.item,
          aheadMs,
          planned,
          previous !== undefined && w.week.index - previous <= 2,
        ),
        ppaLostMinutes: Math.min(ppaLostMinutes, x.minutes),
      });
    }
  }
  return out;
}

/** Cover in one period: occasions and hours, how many looked foreseeable, and the PPA they took. */
export interface CoverTotals {
  occasions: number;
  minutes: number;
  foreseeable: number;
  ppaLostMinutes: number;
}

/** One cover in the ledger, by its item's id: what the evidence pack says beside it. */
export interface CoverLedgerItem {
  id: string;
  minutes: number;
  /** Why it looks foreseeable, or "". */
  foreseeable: string;
  ppaLostMinutes: number;
}

/** The cover ledger: per week (weeks with cover only), term and year, and each cover. */
export interface CoverLedger {
  weeks: ({ start: string } & CoverTotals)[];
  terms: ({ term: string } & CoverTotals)[];
  year: CoverTotals;
  items: CoverLedgerItem[];
}

const zero = (): CoverTotals => ({ occasions: 0, minutes: 0, foreseeable: 0, ppaLostMinutes: 0 });

function addTo(t: CoverTotals, c: CoverOccasion): void {
  t.occasions++;
  t.minutes += c.placed.minutes;
  if (c.foreseeable) t.foreseeable++;
  t.ppaLostMinutes += c.ppaLostMinutes;
}

/** The cover ledger of a year (NEU counts cover in hours as well as occasions). */
export function coverLedgerFrom(cal: YearCalendar, weeks: readonly WeekAgg[], params: Params): CoverLedger {
  const byWeek = new Map<number, { start: string } & CoverTotals>();
  const terms = cal.terms.map((t) => ({ term: t.name, ...zero() }));
  const year = zero();
  const items: CoverLedgerItem[] = [];
  for (const c of coverOccasions(cal, weeks, params)) {
    items.push({
      id: c.placed.item.id,
      minutes: c.placed.minutes,
      foreseeable: c.foreseeable,
      ppaLostMinutes: c.ppaLostMinutes,
    });
    let w = byWeek.get(c.week);
    if (!w) {
      w = { start: cal.weeks[c.week]!.start, ...zero() };
      byWeek.set(c.week, w);
    }
    addTo(w, c);
    if (c.term >= 0) addTo(terms[c.term]!, c);
    addTo(year, c);
  }
  return { weeks: [...byWeek.values()], terms, year, items };
}
