import { needsConfirmation, type ItemKind, type Profile } from "../../model";
import { coverOccasions } from "../cover-occasions";
import { engEmailDirected, engMeetingsWeekly } from "../overlays/union";
import { p } from "../params";
import { timetabledTeachingMinutes } from "../aggregate";
import {
  checkAnnualDirected,
  checkMiddayBreak,
  checkNothingOverPpa,
  INCOMPLETE_TIMETABLE,
  timetableLooksIncomplete,
  weekSpan,
} from "../shared";
import { SRC } from "../sources";
import { defineRule, type Pack, type ParamsOf, type RuleDef, type RuleRun, type YearCtx } from "../types";
import { UK_TEACHER_OVERLAYS, threeUkTerms } from "./terms";
import { formatMinutes, keywordMatcher, ofKind } from "../util";

type BudgetRule = RuleDef<{
  annualHours: { type: "number"; default: number };
  maxDays: { type: "number"; default: number };
}>;

/** The 1265-hour budget (England, Wales, Northern Ireland), pro rata; none for the leadership group. */
export function directedBudget(profile: Profile, p: ParamsOf, rule: BudgetRule) {
  if (profile.role === "leadership") return null;
  const params = p(rule);
  return {
    minutes: Math.round(params.annualHours * 60 * profile.fte),
    days: Math.round(params.maxDays * profile.fte),
    rule: rule.id,
  };
}

export const engDirectedAnnual = defineRule({
  id: "eng.directed.annual",
  force: "S/C",
  title: "Directed time: 1265 hours on 195 days a year",
  source: SRC.stpcd,
  params: { annualHours: p.number(1265), maxDays: p.number(195), teachingDays: p.number(190) },
  check: { year: (ctx, r) => checkAnnualDirected(ctx, r, "directed-time") },
});

export const engDirectedCounts = defineRule({
  id: "eng.directed.counts",
  force: "S/C",
  title: "What counts as directed time",
  source: SRC.stpcd,
  params: {},
  handledBy:
    "Classification (directed flag per item); this rule asks about items the classifier was unsure of.",
  check: {
    week: (ctx, r) => {
      // The same items the Please confirm list asks about (one threshold, in the model).
      const unsure = ctx.agg.items.filter((x) => needsConfirmation(x.item));
      if (unsure.length === 0) return;
      r.emit(
        "info",
        ...weekSpan(ctx),
        unsure.map((x) => x.item.id),
        `${unsure.length} ${unsure.length === 1 ? "item this week needs" : "items this week need"} you to say what kind of work ${unsure.length === 1 ? "it is" : "they are"} and whether the school directs ${unsure.length === 1 ? "it" : "them"}; until then they are counted as the classifier guessed.`,
        "Confirm these items so the totals are right.",
      );
    },
  },
});

export const engPpaMin = defineRule({
  id: "eng.ppa.min",
  force: "S/C",
  title: "PPA: at least 10% of timetabled teaching, in blocks of 30 minutes, with no other duty",
  source: SRC.stpcd,
  params: { minRatio: p.number(0.1), minBlockMinutes: p.number(30) },
  check: {
    week: (ctx, r) => {
      checkNothingOverPpa(ctx, r);
      const minBlock = r.params.minBlockMinutes;
      const ppa = ofKind(ctx.agg.items, "ppa");
      for (const slot of ppa) {
        if (slot.minutes < minBlock) {
          r.emit(
            "warning",
            slot.item.start,
            slot.item.end,
            [slot.item.id],
            `This PPA slot is ${slot.minutes} minutes; PPA should come in blocks of at least ${minBlock} minutes.`,
            "Ask for PPA to be timetabled in blocks of at least half an hour.",
          );
        }
      }
    },
    year: (ctx, r) => {
      const ratio = r.params.minRatio;
      const cycle = ctx.profile.cycleWeeks;
      const period = cycle === 1 ? "week" : "timetable cycle";
      for (let i = 0; i < ctx.weeks.length; i += cycle) {
        const group = ctx.weeks.slice(i, i + cycle);
        let teaching = 0;
        let ppa = 0;
        for (const w of group) {
          teaching += timetabledTeachingMinutes(w.ledger);
          ppa += w.ledger.ppaMinutes;
        }
        if (teaching === 0 || ppa >= teaching * ratio) continue;
        const span: [number, number] = [
          group[0]!.ledger.startInstant,
          group[group.length - 1]!.ledger.endInstant,
        ];
        const ppaIds = group.flatMap((w) =>
          w.items.filter((x) => x.item.kind === "ppa").map((x) => x.item.id),
        );
        if (timetableLooksIncomplete(teaching, group.length, ctx.profile)) {
          r.emit(
            "info",
            ...span,
            ppaIds,
            `This ${period}'s ${INCOMPLETE_TIMETABLE}: it holds ${formatMinutes(teaching)} of lessons, far less than your contract implies, so the PPA minimum (${ratio * 100}% of timetabled teaching) is not checked.`,
            "Import your full timetable to have PPA checked against it.",
          );
          continue;
        }
        const need = Math.ceil(teaching * ratio);
        r.emit(
          "breach",
          ...span,
          ppaIds,
          `PPA is ${formatMinutes(ppa)} against ${formatMinutes(teaching)} of timetabled teaching in this ${period} (${Math.floor((ppa / teaching) * 1000) / 10}%); the minimum is ${ratio * 100}% (${formatMinutes(need)}).`,
          `Ask for ${formatMinutes(need - ppa)} more PPA in this ${cycle === 1 ? "week" : "cycle"}.`,
        );
      }
    },
  },
});

export const engCoverRarely = defineRule({
  id: "eng.cover.rarely",
  force: "S/C",
  title: "Cover only rarely, and only when not foreseeable",
  source: SRC.stpcd,
  params: {
    foreseeableDays: p.number(2),
    termlyThreshold: p.number(0),
    plannedAbsence: p.text("course|trip|visit|training|cpd|conference|planned|exam|interview|meeting"),
  },
  check: { year: (ctx, r) => checkCoverRarely(ctx, r) },
});

export const engLunch = defineRule({
  id: "eng.lunch",
  force: "S/C",
  title: "A break of reasonable length between 12:00 and 14:00",
  source: SRC.burgundy,
  params: { windowFrom: p.clock("12:00"), windowTo: p.clock("14:00"), minBreakMinutes: p.number(30) },
  check: {
    week: (ctx, r) =>
      checkMiddayBreak(
        ctx,
        r,
        "lunch break",
        "Ask for a midday break free of duties; midday supervision cannot be required.",
      ),
  },
});

export const engParttimeDays = defineRule({
  id: "eng.parttime.days",
  force: "S/C",
  title: "Part-time teachers are not directed on days they do not work",
  source: SRC.stpcd,
  params: {},
  check: {
    week: (ctx, r) => {
      if (ctx.profile.fte >= 1) return;
      const contracted = new Set(ctx.profile.contractedDays);
      for (const x of ctx.agg.items) {
        const day = ctx.cal.days[x.day]!;
        if (!x.item.directed || contracted.has(day.weekday)) continue;
        r.emit(
          "warning",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" is directed on ${day.date}, a day you are not contracted to work.`,
          "Part-time teachers cannot be directed on non-working days; ask for it to be moved, or agree it and be paid for it.",
        );
      }
    },
  },
});

export const engInvigilation = defineRule({
  id: "eng.invigilation",
  force: "S/C",
  title: "No invigilation of public exams",
  source: SRC.stpcd,
  params: {},
  check: {
    week: (ctx, r) => {
      for (const x of ofKind(ctx.agg.items, "invigilation")) {
        r.emit(
          "warning",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" looks like exam invigilation, which teachers cannot be required to do (including mocks that replicate public exams).`,
          "Check whether this is a public exam or a mock run like one; if so you may decline.",
        );
      }
    },
  },
});

export const engAdmin = defineRule({
  id: "eng.admin",
  force: "S/C",
  title: "No routine clerical or administrative tasks",
  source: SRC.stpcd,
  params: {
    keywords: p.text(
      "photocopy|filing|display|data entry|stocktake|stock take|collect money|collating|typing|exam entries",
    ),
  },
  check: {
    week: (ctx, r) => {
      const match = keywordMatcher(r.params.keywords);
      for (const x of ctx.agg.items) {
        if (!x.item.directed || !match(x.item.title)) continue;
        r.emit(
          "info",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" sounds like a routine administrative task, which teachers should not be required to do routinely.`,
          "If this is routine, ask for it to go to support staff.",
        );
      }
    },
  },
});

export const engWeekend = defineRule({
  id: "eng.weekend",
  force: "S/C",
  title: "No directed work on Saturdays, Sundays or public holidays",
  source: SRC.stpcd,
  params: {},
  check: {
    week: (ctx, r) => {
      for (const x of ctx.agg.items) {
        const day = ctx.cal.days[x.day]!;
        if (!x.item.directed || day.weekday < 6) continue;
        r.emit(
          "warning",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" is directed on ${day.date}, a ${day.weekday === 6 ? "Saturday" : "Sunday"}; teachers cannot be required to work at weekends unless their contract says so.`,
          "Check your contract; if it does not provide for weekend work, you may decline or agree it as paid extra work.",
        );
      }
    },
    year: (ctx, r) => {
      // Public holidays are known from the calendar's all-day holiday entries.
      for (const w of ctx.weeks) {
        for (const x of w.items) {
          const day = ctx.cal.days[x.day]!;
          if (!x.item.directed || day.weekday >= 6 || ctx.holiday[x.day] !== 1) continue;
          r.emit(
            "warning",
            x.item.start,
            x.item.end,
            [x.item.id],
            `"${x.item.title}" is directed on ${day.date}, a holiday on your calendar; teachers cannot be required to work on public holidays unless their contract says so.`,
            "Check whether this day is a public holiday; if so you may decline.",
          );
        }
      }
    },
  },
});

export const engEctReduction = defineRule({
  id: "eng.ect.reduction",
  force: "G",
  title: "Early career teachers: 10% lighter timetable in year 1, 5% in year 2",
  source: SRC.dfeEct,
  params: { year1Factor: p.number(0.9), year2Factor: p.number(0.95), fullLoadHours: p.number(0) },
  check: {
    week: (ctx, r) => {
      const role = ctx.profile.role;
      const full = r.params.fullLoadHours * 60 * ctx.profile.fte;
      if ((role !== "ect1" && role !== "ect2") || full <= 0) return;
      const factor = role === "ect1" ? r.params.year1Factor : r.params.year2Factor;
      const max = Math.round(full * factor);
      const teaching = ctx.agg.ledger.teachingMinutes;
      if (teaching <= max) return;
      r.emit(
        "warning",
        ...weekSpan(ctx),
        ofKind(ctx.agg.items, "lesson", "cover").map((x) => x.item.id),
        `You taught ${formatMinutes(teaching)} this week; as an early career teacher in year ${role === "ect1" ? 1 : 2} your timetable should be at most ${formatMinutes(max)} (${Math.round(factor * 100)}% of the school's full load).`,
        "Ask your induction tutor to check your timetable reduction.",
      );
    },
  },
});

export const englandRules: readonly RuleDef[] = [
  engDirectedAnnual,
  engDirectedCounts,
  engPpaMin,
  engCoverRarely,
  engLunch,
  engParttimeDays,
  engInvigilation,
  engAdmin,
  engWeekend,
  engEctReduction,
];

export function checkCoverRarely(ctx: YearCtx, r: RuleRun<(typeof engCoverRarely)["params"]>): void {
  const threshold = r.params.termlyThreshold;
  for (const c of coverOccasions(ctx.cal, ctx.weeks, r.params)) {
    const x = c.placed;
    const termName = ctx.cal.terms[c.term]?.name ?? "this term";
    const count = `This is cover number ${c.nthInTerm} in the ${termName.toLowerCase()}.`;
    if (c.foreseeable) {
      r.emit(
        "breach",
        x.item.start,
        x.item.end,
        [x.item.id],
        `Cover "${x.item.title}" looks foreseeable (${c.foreseeable}); cover may only be asked for rarely and when it could not be foreseen. ${count}`,
        "Ask whether this absence was known in advance; foreseeable absence should be covered by cover supervisors or supply staff.",
      );
    } else {
      r.emit(
        "warning",
        x.item.start,
        x.item.end,
        [x.item.id],
        `Cover "${x.item.title}": teachers should cover only rarely. ${count}`,
        "Keep a note of each cover; if it is becoming routine, raise it with your rep or line manager.",
      );
    }
    if (threshold > 0 && c.nthInTerm === threshold + 1) {
      r.emit(
        "warning",
        x.item.start,
        x.item.end,
        [x.item.id],
        `You have now covered ${c.nthInTerm} times in the ${termName.toLowerCase()}, above the ${threshold} you set as "rarely".`,
        "Raise the amount of cover with your line manager or rep.",
      );
    }
  }
}

/** Directed-time meters and the England pack's email window (eng.email.directed, when union advice is on). */
export const england: Pack = {
  id: "england",
  label: "England (STPCD)",
  choiceLabel: "England",
  defaults: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: true,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:30",
    role: "classroom",
  },
  approximateTerms: threeUkTerms,
  rules: englandRules,
  overlays: UK_TEACHER_OVERLAYS,
  contactKinds: new Set<ItemKind>(["lesson", "cover"]),
  contactLimit: () => null,
  budget: (profile, p) => directedBudget(profile, p, engDirectedAnnual),
  weeklyLimit: () => null,
  meters: {
    teacher: true,
    ppa: { rule: engPpaMin, label: "PPA", ratio: (p) => p(engPpaMin).minRatio, of: "teaching" },
    cover: engCoverRarely,
    meetings: engMeetingsWeekly,
  },
  yearLabel: "Directed time this year",
  email: {
    rule: engEmailDirected,
    ownWindowRule: engDirectedAnnual,
    applies: (profile) => profile.unionOverlay,
    windowName: "directed time",
    advice: "NEU and NASUWT advise sending work email only in directed time (union advice)",
  },
};
