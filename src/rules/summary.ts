import { DateTime } from "luxon";
import { SEVERITY_ORDER, type Finding, type Force, type Profile } from "../model";
import { weekIndexOf, type YearCalendar } from "../time";
import { emptyWeekLedger, timetabledTeachingMinutes } from "./aggregate";
import {
  RULE_BY_ID,
  calendarOf,
  forceFor,
  forceLabelFor,
  isActive,
  packFor,
  paramsFor,
  sourceFor,
} from "./catalogue";
import type { CoverLedger, CoverTotals } from "./cover-occasions";
import type { Evaluation, WeekLedger, YearLedger } from "./types";
import { INCOMPLETE_TIMETABLE } from "./shared";
import { formatMinutes } from "./util";

/** "ahead": above a weekly pace, which is an average and never a limit. */
export type MeterStatus = "ok" | "near" | "over" | "ahead" | "none";

/** One line of the weekly summary: a value against a limit, with where the limit comes from. */
export interface SummaryMeter {
  id: "directed" | "contact" | "meetings" | "evenings" | "ppa" | "cover";
  label: string;
  value: number;
  /** The limit, or null when the regime sets none. */
  limit: number | null;
  /** "max": stay at or below; "min": reach at least (PPA). */
  /** "max": stay at or below; "min": reach at least (PPA); "pace": an average to watch, never a limit. */
  limitKind: "max" | "min" | "pace";
  unit: "minutes" | "count";
  /** Plain text for the value and limit, e.g. "23 h 30 min of 22 h 30 min". */
  text: string;
  status: MeterStatus;
  rule: string | null;
  force: Force | null;
  forceLabel: string | null;
  source: string | null;
}

export interface YearSummary {
  label: string;
  directedText: string;
  budgetText: string;
  forecastText: string;
  /** Share of the budget used so far and forecast, 0–1+ (0 when there is no budget). */
  usedRatio: number;
  forecastRatio: number;
  status: MeterStatus;
  daysText: string;
  coverText: string;
  source: string | null;
  forceLabel: string | null;
}

export interface WeekSummaryView {
  weekStart: string;
  weekLabel: string;
  regimeLabel: string;
  meters: SummaryMeter[];
  year: YearSummary;
  /** Findings touching this week, plus year-wide ones, most serious first. */
  findings: Finding[];
  counts: { breach: number; warning: number; info: number };
}

function status(value: number, limit: number | null, kind: SummaryMeter["limitKind"]): MeterStatus {
  if (limit === null) return "none";
  if (kind === "pace") return value > limit ? "ahead" : "ok";
  if (kind === "min") return value >= limit ? "ok" : "over";
  if (value > limit) return "over";
  return value >= limit * 0.9 ? "near" : "ok";
}

function cite(ruleId: string | null, profile: Profile) {
  const rule = ruleId ? RULE_BY_ID.get(ruleId) : undefined;
  return rule
    ? {
        rule: rule.id,
        force: forceFor(rule, profile),
        forceLabel: forceLabelFor(rule, profile),
        source: sourceFor(rule, profile),
      }
    : { rule: null, force: null, forceLabel: null, source: null };
}

/** The numbers, limits and labels the popup shows for one week. */
export function weekSummary(evaluation: Evaluation, weekStart: string, profile: Profile): WeekSummaryView {
  const cal = calendarOf(profile);
  const index = weekIndexOf(cal, weekStart);
  const week: WeekLedger = evaluation.weeks[index] ?? emptyWeekLedger(weekStart);
  const p = paramsFor(profile);
  const pack = packFor(profile);
  const meetingRule = pack.meters.meetings;
  const meetingLimits = meetingRule && isActive(meetingRule, profile, p) ? p(meetingRule) : null;
  const meters: SummaryMeter[] = [];

  const weeklyBudget =
    evaluation.year.budgetMinutes > 0 ? Math.round(evaluation.year.budgetMinutes / 39) : null;
  const directedLimit = week.weeklyLimitMinutes ?? weeklyBudget;
  meters.push({
    id: "directed",
    label: week.weeklyLimitMinutes !== null ? "Working time" : "Directed time",
    value: week.weeklyLimitMinutes !== null ? week.workMinutes : week.directedMinutes,
    limit: directedLimit,
    limitKind: week.weeklyLimitMinutes !== null ? "max" : "pace",
    unit: "minutes",
    text: "",
    status: "none",
    ...cite(
      week.weeklyLimitMinutes !== null ? (pack.budget(profile, p)?.rule ?? null) : evaluation.year.budgetRule,
      profile,
    ),
  });
  if (week.contactMaxMinutes !== null || week.contactMinutes > 0) {
    meters.push({
      id: "contact",
      label: "Class contact",
      value: week.contactMinutes,
      limit: week.contactMaxMinutes,
      limitKind: "max",
      unit: "minutes",
      text: "",
      status: "none",
      ...cite(week.contactMaxRule, profile),
    });
  }
  if (pack.meters.teacher) {
    meters.push({
      id: "meetings",
      label: "After-school meetings",
      value: week.meetingCount,
      limit: meetingLimits?.maxPerWeek ?? null,
      limitKind: "max",
      unit: "count",
      text: "",
      status: "none",
      ...cite(meetingLimits ? meetingRule!.id : null, profile),
    });
    meters.push({
      id: "evenings",
      label: "Evenings",
      value: week.eveningCount,
      limit: meetingLimits?.maxEvenings ?? null,
      limitKind: "max",
      unit: "count",
      text: "",
      status: "none",
      ...cite(meetingLimits ? meetingRule!.id : null, profile),
    });
    const ppa = pack.meters.ppa;
    const ppaBase = ppa?.of === "directed" ? week.directedMinutes : timetabledTeachingMinutes(week);
    const ppaMin = ppa && ppaBase > 0 ? Math.ceil(ppaBase * ppa.ratio(p)) : null;
    meters.push({
      id: "ppa",
      label: ppa?.label ?? "Non-contact time",
      value: week.ppaMinutes,
      limit: ppaMin,
      limitKind: "min",
      unit: "minutes",
      text: "",
      status: "none",
      ...cite(ppa?.rule.id ?? null, profile),
    });
    meters.push({
      id: "cover",
      label: "Cover",
      value: week.coverCount,
      limit: null,
      limitKind: "max",
      unit: "count",
      text: "",
      status: week.coverCount > 0 ? "near" : "none",
      ...cite(pack.meters.cover?.id ?? null, profile),
    });
  }
  const weekFindings = evaluation.findings.filter(
    (f) => f.start < week.endInstant && f.end > week.startInstant,
  );
  for (const m of meters) {
    if (m.id !== "cover") m.status = status(m.value, m.limit, m.limitKind);
    const v = m.unit === "minutes" ? formatMinutes(m.value) : String(m.value);
    const l = m.limit === null ? "" : m.unit === "minutes" ? formatMinutes(m.limit) : String(m.limit);
    m.text = m.limit === null ? v : m.limitKind === "min" ? `${v} (at least ${l})` : `${v} of ${l}`;
    // A meter is never green above a breach of its own rule (PPA with cover booked over it).
    if (m.rule && weekFindings.some((f) => f.rule === m.rule && f.severity === "breach")) m.status = "over";
  }
  const directed = meters[0]!;
  if (directed.limitKind === "pace" && directed.limit !== null) {
    // No weekly limit here: the annual budget spread over a 39-week year is a pace to watch, not a limit.
    directed.text = `${formatMinutes(directed.value)} (the annual budget averages ${formatMinutes(directed.limit)} a week)`;
  }
  const ppaMeter = meters.find((m) => m.id === "ppa");
  if (ppaMeter && week.ppaLostMinutes > 0)
    ppaMeter.text += ` · ${formatMinutes(week.ppaLostMinutes)} lost to other duties, to reinstate`;
  // The meter says what its rule's finding says: not checked while the timetable looks incomplete.
  if (
    ppaMeter?.rule &&
    !weekFindings.some((f) => f.rule === ppaMeter.rule && f.severity === "breach") &&
    weekFindings.some(
      (f) => f.rule === ppaMeter.rule && f.severity === "info" && f.message.includes(INCOMPLETE_TIMETABLE),
    )
  ) {
    ppaMeter.status = "none";
    ppaMeter.text += ` · not checked: this week's ${INCOMPLETE_TIMETABLE}`;
  }
  const cover = meters.find((m) => m.id === "cover");
  if (cover) cover.text = coverText(evaluation.cover, cal, index, weekStart);

  const findings = weekFindings
    .slice()
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start);
  const counts = { breach: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    weekStart,
    weekLabel: `Week of ${DateTime.fromISO(weekStart).toFormat("ccc d LLL yyyy")}`,
    regimeLabel: pack.label,
    meters,
    year: yearSummary(evaluation.year, profile),
    findings,
    counts,
  };
}

/** The cover ledger in words: occasions and hours this week, term and year; foreseeable ones; PPA lost. */
function coverText(ledger: CoverLedger, cal: YearCalendar, weekIndex: number, weekStart: string): string {
  const first = cal.weeks[weekIndex]?.firstDay;
  const term =
    first === undefined ? undefined : cal.days.slice(first, first + 7).find((d) => d.term >= 0)?.term;
  const none: CoverTotals = { occasions: 0, minutes: 0, foreseeable: 0, ppaLostMinutes: 0 };
  const week = ledger.weeks.find((w) => w.start === weekStart) ?? none;
  const inTerm = (term !== undefined && ledger.terms[term]) || none;
  const part = (t: CoverTotals, when: string) =>
    `${t.occasions} ${when}${t.minutes > 0 ? ` (${formatMinutes(t.minutes)})` : ""}`;
  const notes: string[] = [];
  if (ledger.year.foreseeable > 0) notes.push(`${ledger.year.foreseeable} looked foreseeable`);
  if (ledger.year.ppaLostMinutes > 0)
    notes.push(`${formatMinutes(ledger.year.ppaLostMinutes)} of PPA lost to cover`);
  return [part(week, "this week"), part(inTerm, "this term"), part(ledger.year, "this year"), ...notes].join(
    " · ",
  );
}

/** Year to date against the budget, with the forecast, in words. */
export function yearSummary(year: YearLedger, profile: Profile): YearSummary {
  const budget = year.budgetMinutes;
  const c = cite(year.budgetRule, profile);
  const usedRatio = budget > 0 ? year.directedMinutes / budget : 0;
  const forecastRatio = budget > 0 ? year.forecastMinutes / budget : 0;
  return {
    label: packFor(profile).yearLabel,
    directedText: `${formatMinutes(year.toDateMinutes)} so far, ${formatMinutes(year.directedMinutes)} on the calendar`,
    budgetText: budget > 0 ? `budget ${formatMinutes(budget)}` : "no annual budget applies",
    forecastText: `${year.forecastApproximate ? "about " : ""}${formatMinutes(year.forecastMinutes)} by the end of the year`,
    usedRatio,
    forecastRatio,
    status: budget > 0 ? status(year.forecastMinutes, budget, "max") : "none",
    daysText:
      year.maxDirectedDays !== null
        ? `${year.directedDays} of ${year.maxDirectedDays} days`
        : `${year.directedDays} days`,
    coverText: `${year.coverCount} cover${year.coverCount === 1 ? "" : "s"} this year`,
    source: c.source,
    forceLabel: c.forceLabel,
  };
}
