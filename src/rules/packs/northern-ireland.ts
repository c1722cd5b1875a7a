import { DateTime } from "luxon";
import type { ItemKind } from "../../model";
import { parseHm } from "../../time";
import { ukWtrRules } from "../overlays/uk-wtr";
import { engMeetingsWeekly } from "../overlays/union";
import { p } from "../params";
import { directedBudget } from "./england";
import { UK_TEACHER_OVERLAYS, threeUkTerms } from "./terms";
import { checkAnnualDirected, checkMiddayBreak, checkNothingOverPpa, weekSpan } from "../shared";
import { SRC } from "../sources";
import { defineRule, type Pack, type RuleDef } from "../types";
import { formatMinutes, ofKind } from "../util";

export const niDirectedAnnual = defineRule({
  id: "ni.directed.annual",
  force: "C",
  title: "Directed time: 1265 hours on 195 days, inside the individual budget",
  source: SRC.niTnc,
  params: {
    annualHours: p.number(1265),
    maxDays: p.number(195),
    teachingDays: p.number(190),
    budgetSource: p.text(""),
  },
  check: {
    year: (ctx, r) => checkAnnualDirected(ctx, r, "directed-time"),
    week: (ctx, r) => {
      // The individual directed time budget, when imported as its own calendar, must hold every directed meeting.
      const budgetSource = r.params.budgetSource;
      if (!budgetSource) return;
      for (const x of ctx.agg.items) {
        const k = x.item.kind;
        if (
          !x.item.directed ||
          (k !== "meeting" && k !== "parents-evening") ||
          x.item.source === budgetSource
        )
          continue;
        r.emit(
          "warning",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" is not in your directed time budget; anything directed must be in it.`,
          "Ask for it to be added to your directed time budget, or to be dropped.",
        );
      }
    },
  },
});

export const niWeek = defineRule({
  id: "ni.week",
  force: "C",
  title: "A week runs seven days from Sunday",
  source: SRC.niTnc,
  params: {},
  handledBy:
    "Week boundaries: the profile's week start is Sunday by default in Northern Ireland (src/time/calendar.ts).",
  check: {},
});

export const niTeachingMax = defineRule({
  id: "ni.teaching.max",
  force: "C",
  title: "Class teaching at most 25 h (primary) or 23.5 h (post-primary) a week, cover included",
  source: SRC.niTnc,
  params: { phase: p.text("post-primary"), primaryHours: p.number(25), postPrimaryHours: p.number(23.5) },
  check: {
    week: (ctx, r) => {
      const l = ctx.agg.ledger;
      if (l.contactMaxMinutes === null || l.contactMinutes <= l.contactMaxMinutes) return;
      r.emit(
        "breach",
        ...weekSpan(ctx),
        ofKind(ctx.agg.items, "lesson", "cover").map((x) => x.item.id),
        `Class teaching this week, cover included, is ${formatMinutes(l.contactMinutes)}; the maximum is ${formatMinutes(l.contactMaxMinutes)}.`,
        "Decline further cover this week and ask for the excess to be removed.",
      );
    },
  },
});

export const niPpa = defineRule({
  id: "ni.ppa",
  force: "C",
  title:
    "PPA at least 10% of directed time (126.5 hours a year full-time), with no cover or other duty in it",
  source: SRC.niTncPpa,
  params: { minRatio: p.number(0.1) },
  check: {
    week: (ctx, r) => checkNothingOverPpa(ctx, r),
    year: (ctx, r) => {
      const ratio = r.params.minRatio;
      const budget = ctx.pack.budget(ctx.profile, ctx.p);
      if (!budget) return;
      const due = Math.round(budget.minutes * ratio);
      let ppa = 0;
      for (const w of ctx.weeks) for (const x of ofKind(w.items, "ppa")) ppa += x.minutes;
      // Only a year whose calendar is complete can fall short; until then the forecast shows the pace.
      if (ctx.now < ctx.cal.endInstant || ppa >= due) return;
      r.emit(
        "breach",
        ctx.cal.startInstant,
        ctx.cal.endInstant,
        [],
        `PPA this year came to ${formatMinutes(ppa)}; the minimum is ${Math.round(ratio * 100)}% of your directed time budget (${formatMinutes(due)}).`,
        "Ask for the missing PPA time to be planned into next year's directed time budget.",
      );
    },
  },
});

export const niWeekPace = defineRule({
  id: "ni.week.pace",
  force: "U",
  title: "A weekly pace of 32.4 directed hours (6.5 hours a day)",
  source: "NEU Northern Ireland directed time advice (the 2020 interim cap of 32.4 hours a week)",
  params: { weeklyHours: p.number(32.4) },
  check: {
    week: (ctx, r) => {
      const pace = Math.round(r.params.weeklyHours * 60 * ctx.profile.fte);
      const directed = ctx.agg.ledger.directedMinutes;
      if (directed <= pace) return;
      r.emit(
        "info",
        ...weekSpan(ctx),
        [],
        `Directed time this week is ${formatMinutes(directed)}, above the pace of ${formatMinutes(pace)} a week the union advises; this is a pace to watch, not a limit.`,
        "Check the week against your individual directed time budget.",
      );
    },
  },
});

export const niLunch = defineRule({
  id: "ni.lunch",
  force: "C",
  title: "At least 30 minutes' break between 12:00 and 14:00",
  source: SRC.niTnc,
  params: { windowFrom: p.clock("12:00"), windowTo: p.clock("14:00"), minBreakMinutes: p.number(30) },
  check: {
    week: (ctx, r) =>
      checkMiddayBreak(ctx, r, "break", "Ask for a 30-minute break free of duties at midday."),
  },
});

export const niUnsocial = defineRule({
  id: "ni.unsocial",
  force: "C",
  title: "No regular directed work in unsocial hours without agreement and 5 working days' notice",
  source: SRC.niTnc,
  params: { noticeWorkingDays: p.number(5) },
  check: {
    week: (ctx, r) => {
      const notice = r.params.noticeWorkingDays;
      const dayStart = parseHm(ctx.profile.schoolDayStart);
      const dayEnd = parseHm(ctx.profile.schoolDayEnd);
      for (const x of ctx.agg.items) {
        const seen = x.item.firstSeen;
        if (!x.item.directed || seen === undefined) continue;
        const weekday = ctx.cal.days[x.day]!.weekday;
        const outOfHours = weekday > 5 || x.startMin < dayStart || x.endMin > dayEnd;
        if (!outOfHours) continue;
        const given = workingDaysBetween(seen, x.item.start, ctx.cal.zone);
        if (given >= notice) continue;
        r.emit(
          "warning",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" is outside school hours and was put on your calendar ${given} working days ahead; directed work in unsocial hours needs consultation, agreement and ${notice} working days' notice.`,
          "Ask whether this was agreed; you may decline work in unsocial hours without the notice.",
        );
      }
    },
  },
});

export const niComms = defineRule({
  id: "ni.comms",
  force: "G",
  title: "Staff need not respond outside operating hours",
  source: SRC.niTncComms,
  params: {},
  handledBy: "The send guard, at the moment of sending, from emailWindows() (src/rules/email.ts).",
  check: {},
});

export const northernIrelandRules: readonly RuleDef[] = [
  niDirectedAnnual,
  niWeek,
  niTeachingMax,
  niPpa,
  niWeekPace,
  niLunch,
  niUnsocial,
  niComms,
];

/** Whole Monday-to-Friday local days after the day of `from` and before the day of `to`. */
function workingDaysBetween(from: number, to: number, zone: string): number {
  const last = DateTime.fromMillis(to, { zone }).startOf("day");
  let days = 0;
  for (
    let d = DateTime.fromMillis(from, { zone }).startOf("day").plus({ days: 1 });
    d < last && days < 60;
    d = d.plus({ days: 1 })
  ) {
    if (d.weekday <= 5) days++;
  }
  return days;
}

export const northernIreland: Pack = {
  id: "northern-ireland",
  label: "Northern Ireland (TNC)",
  choiceLabel: "Northern Ireland",
  defaults: {
    timeZone: "Europe/London",
    // ni.week: a week runs seven days from Sunday.
    weekStart: 7,
    unionOverlay: false,
    yearStart: [8, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
    role: "classroom",
  },
  approximateTerms: threeUkTerms,
  rules: northernIrelandRules,
  overlays: UK_TEACHER_OVERLAYS,
  citations: Object.fromEntries(
    ukWtrRules.map((r) => [r.id, `${SRC.wtrNi} ${r.source.slice(r.source.lastIndexOf("reg."))}`]),
  ),
  contactKinds: new Set<ItemKind>(["lesson", "cover"]),
  contactLimit: (profile, p) => {
    if (profile.role === "leadership") return null;
    const q = p(niTeachingMax);
    const hours = q.phase === "primary" || q.phase === "special" ? q.primaryHours : q.postPrimaryHours;
    return { minutes: Math.round(hours * 60 * profile.fte), rule: niTeachingMax.id };
  },
  budget: (profile, p) => directedBudget(profile, p, niDirectedAnnual),
  weeklyLimit: () => null,
  meters: {
    teacher: true,
    ppa: {
      rule: niPpa,
      label: "PPA",
      ratio: (p) => p(niPpa).minRatio,
      of: "directed",
    },
    meetings: engMeetingsWeekly,
  },
  yearLabel: "Directed time this year",
  email: {
    rule: niComms,
    ownWindowRule: niComms,
    applies: () => true,
    windowName: "working hours",
    advice:
      "schools in Northern Ireland tell parents that staff need not reply outside working hours (official guidance)",
  },
};
