import { RULE_BY_ID, calendarOf } from "../rules/catalogue";
import type { Evaluation } from "../rules/engine";
import type { Profile } from "../model";
import { citationFor, type Citation } from "./pack";

/**
 * The budget's pace week by week: the annual budget spread over the year's contracted term days, so a week
 * of half-term gets none and the paces add up to the budget when the terms hold the budget's days.
 */
export function weeklyPace(evaluation: Evaluation, profile: Profile): number[] {
  const cal = calendarOf(profile);
  const budget = evaluation.year.budgetMinutes;
  const contracted = new Set(profile.contractedDays);
  const termDays = cal.weeks.map(
    (w) =>
      cal.days
        .slice(w.firstDay, w.firstDay + 7)
        .filter((d) => d.inYear && d.term >= 0 && contracted.has(d.weekday)).length,
  );
  const days = evaluation.year.maxDirectedDays ?? termDays.reduce((a, b) => a + b, 0);
  return termDays.map((n) => (budget > 0 && days > 0 ? Math.round((budget * n) / days) : 0));
}

/** One week of the year at a glance. */
export interface YearWeek {
  start: string;
  directedMinutes: number;
  paceMinutes: number;
  contactMinutes: number;
  meetingCount: number;
  eveningCount: number;
  coverCount: number;
  coverMinutes: number;
}

/** The findings of one rule over the year: how many, and the weeks they fell in. */
export interface RuleFindings {
  rule: string;
  title: string;
  citation: Citation | null;
  count: number;
  breaches: number;
  /** Week starts, earliest first, with the count in each. */
  weeks: { start: string; count: number }[];
}

export interface YearAtAGlance {
  weeks: YearWeek[];
  rules: RuleFindings[];
  budgetMinutes: number;
  directedMinutes: number;
  forecastMinutes: number;
}

/** The year's weeks against the pace, and its findings grouped by rule, most findings first. */
export function yearAtAGlance(evaluation: Evaluation, profile: Profile): YearAtAGlance {
  const pace = weeklyPace(evaluation, profile);
  const weeks = evaluation.weeks.map((w, i) => ({
    start: w.start,
    directedMinutes: w.directedMinutes,
    paceMinutes: pace[i] ?? 0,
    contactMinutes: w.contactMinutes,
    meetingCount: w.meetingCount,
    eveningCount: w.eveningCount,
    coverCount: w.coverCount,
    coverMinutes: w.coverMinutes,
  }));
  const byRule = new Map<string, RuleFindings>();
  for (const f of evaluation.findings) {
    if (f.severity === "info") continue;
    let group = byRule.get(f.rule);
    if (!group) {
      group = {
        rule: f.rule,
        title: RULE_BY_ID.get(f.rule)?.title ?? f.rule,
        citation: citationFor(f.rule, profile),
        count: 0,
        breaches: 0,
        weeks: [],
      };
      byRule.set(f.rule, group);
    }
    group.count++;
    if (f.severity === "breach") group.breaches++;
    const week = evaluation.weeks.find((w) => f.start < w.endInstant && f.start >= w.startInstant);
    const start = week?.start ?? evaluation.weeks[0]?.start ?? "";
    const last = group.weeks[group.weeks.length - 1];
    if (last?.start === start) last.count++;
    else group.weeks.push({ start, count: 1 });
  }
  for (const g of byRule.values()) {
    const merged = new Map<string, number>();
    for (const w of g.weeks) merged.set(w.start, (merged.get(w.start) ?? 0) + w.count);
    g.weeks = [...merged]
      .map(([start, count]) => ({ start, count }))
      .sort((a, b) => (a.start < b.start ? -1 : 1));
  }
  return {
    weeks,
    rules: [...byRule.values()].sort((a, b) => b.breaches - a.breaches || b.count - a.count),
    budgetMinutes: evaluation.year.budgetMinutes,
    directedMinutes: evaluation.year.directedMinutes,
    forecastMinutes: evaluation.year.forecastMinutes,
  };
}
