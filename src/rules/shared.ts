import { overlaps, type ItemKind, type Profile } from "../model";
import { instantAt, parseHm } from "../time";
import type { RuleRun, WeekCtx, YearCtx } from "./types";
import { MINUTE, formatMinutes, longestGap, num, ofKind, str } from "./util";

/** Days in the week whose directed items leave no free gap of `minBreakMinutes` in the midday window. */
export function checkMiddayBreak(ctx: WeekCtx, r: RuleRun, what: string, action: string): void {
  const from = parseHm(str(r.params, "windowFrom", "12:00"));
  const to = parseHm(str(r.params, "windowTo", "14:00"));
  const min = num(r.params, "minBreakMinutes", 30);
  for (const d of ctx.agg.days) {
    if (d.directed.length === 0) continue;
    const winFrom = instantAt(ctx.cal, d.day, from);
    const winTo = instantAt(ctx.cal, d.day, to);
    const gap = longestGap(d.directed, winFrom, winTo);
    if (gap >= min * MINUTE) continue;
    const involved = ctx.agg.items
      .filter((x) => x.day === d.day && x.item.directed && x.item.start < winTo && x.item.end > winFrom)
      .map((x) => x.item.id);
    if (involved.length === 0) continue;
    r.emit(
      "breach",
      winFrom,
      winTo,
      involved,
      `On ${ctx.cal.days[d.day]!.date} directed work leaves no ${what} of ${min} minutes between ${str(r.params, "windowFrom", "12:00")} and ${str(r.params, "windowTo", "14:00")}; the longest free stretch is ${formatMinutes(gap / MINUTE)}.`,
      action,
    );
  }
}

/** The annual directed-time budget (England, Wales, Northern Ireland): hours, days and the forecast. */
export function checkAnnualDirected(ctx: YearCtx, r: RuleRun, label: string): void {
  const budget = ctx.pack.budget(ctx.profile, ctx.p);
  if (!budget) return;
  const year = ctx.year;
  const span: [number, number] = [ctx.cal.startInstant, ctx.cal.endInstant];
  if (year.directedMinutes > budget.minutes) {
    r.emit(
      "breach",
      ...span,
      [],
      `Directed time this year is ${formatMinutes(year.directedMinutes)}, over the ${label} budget of ${formatMinutes(budget.minutes)}.`,
      "Ask your line manager to show where this time sits in the directed-time calendar, and to remove the excess.",
    );
  } else if (year.forecastMinutes > budget.minutes) {
    r.emit(
      "warning",
      ...span,
      [],
      `At this rate directed time will reach about ${formatMinutes(year.forecastMinutes)} by the end of the year, over the ${label} budget of ${formatMinutes(budget.minutes)}.`,
      "Raise the forecast with your line manager now, while the calendar can still change.",
    );
  }
  if (year.directedDays > budget.days) {
    r.emit(
      "breach",
      ...span,
      [],
      `You have been directed on ${year.directedDays} days this year; the limit is ${budget.days}.`,
      "Ask which of these days the school counts as directed, and for the excess to be removed.",
    );
  }
}

export function weekSpan(ctx: WeekCtx): [number, number] {
  return [ctx.agg.ledger.startInstant, ctx.agg.ledger.endInstant];
}

/** Kinds that cannot share a slot with PPA: "no other duty (including cover) in PPA". */
const DUTIES_OVER_PPA = new Set<ItemKind>([
  "lesson",
  "cover",
  "duty",
  "meeting",
  "invigilation",
  "observation",
]);

/** Anything booked over PPA is a breach (eng.ppa.min, wal.ppa.min, ni.ppa). */
export function checkNothingOverPpa(ctx: WeekCtx, r: RuleRun): void {
  for (const slot of ofKind(ctx.agg.items, "ppa")) {
    for (const c of ctx.agg.items) {
      if (c === slot || !DUTIES_OVER_PPA.has(c.item.kind) || !overlaps(c.item, slot.item)) continue;
      r.emit(
        "breach",
        Math.max(c.item.start, slot.item.start),
        Math.min(c.item.end, slot.item.end),
        [slot.item.id, c.item.id],
        `"${c.item.title}" is booked over your PPA; no other duty, including cover, may be done in PPA time.`,
        "Ask for this PPA to be reinstated at another time this week.",
      );
    }
  }
}

/** The words every "timetable looks incomplete" finding carries (the popup's meters look for them). */
export const INCOMPLETE_TIMETABLE = "timetable looks incomplete";

/** Below this share of the lessons a contract implies, a week's timetable looks incomplete. */
const INCOMPLETE_SHARE = 0.25;

/**
 * Whether `teachingMinutes` over `weeks` weeks is far less than the profile implies (its working days times
 * its school day, times a quarter): a rule that needs the full timetable (PPA ratio, non-contact minimum)
 * then says the timetable looks incomplete instead of raising a breach.
 */
export function timetableLooksIncomplete(
  teachingMinutes: number,
  weeks: number,
  profile: Pick<Profile, "contractedDays" | "schoolDayStart" | "schoolDayEnd">,
): boolean {
  const day = Math.max(0, parseHm(profile.schoolDayEnd) - parseHm(profile.schoolDayStart));
  return teachingMinutes < profile.contractedDays.length * day * weeks * INCOMPLETE_SHARE;
}
