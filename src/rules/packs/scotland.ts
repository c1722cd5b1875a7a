import { overlaps, type ItemKind, type WorkItem } from "../../model";
import { checkMiddayBreak, weekSpan } from "../shared";
import { SRC } from "../sources";
import { family, p } from "../params";
import { defineRule, type Pack, type Params, type RuleDef, type WeekAgg } from "../types";
import { formatMinutes, keywordMatcher, ofKind } from "../util";
import type { LocalAgreement } from "../presets";
import { threeUkTerms } from "./terms";

/** Category prefixes in sco.collegiate parameters: "hours.<category>" and "match.<category>". */
const HOURS = "hours.";
const MATCH = "match.";

const matcherCache = new WeakMap<Params, [string, (t: string) => boolean][]>();

/**
 * The working-time-agreement category an item's time comes from, or null when it is not collegiate time
 * (class contact, personal preparation, in-service days and the separate CPD allowance are not).
 */
export function collegiateCategory(item: WorkItem, params: Params): string | null {
  switch (item.kind) {
    case "lesson":
    case "cover":
    case "registration":
    case "ppa":
    case "non-contact":
    case "inset":
    case "cpd":
    case "holiday":
    case "personal":
      return null;
  }
  let matchers = matcherCache.get(params);
  if (!matchers) {
    matchers = family(params, MATCH).map(
      ([category, words]) => [category, keywordMatcher(String(words))] as [string, (t: string) => boolean],
    );
    matcherCache.set(params, matchers);
  }
  for (const [category, match] of matchers) if (match(item.title)) return category;
  if (item.kind === "parents-evening") return "parents-meetings";
  if (item.kind === "meeting") return "staff-meetings";
  if (item.kind === "report-writing") return "assessment-reporting";
  return "annex-d";
}

/** The agreed hours per category from sco.collegiate parameters (empty when the agreement has no split). */
export function agreedCategories(params: Params): Map<string, number> {
  const out = new Map<string, number>();
  for (const [category, hours] of family(params, HOURS)) out.set(category, Number(hours));
  return out;
}

function contactIds(agg: WeekAgg): string[] {
  return ofKind(agg.items, "lesson", "cover", "registration").map((x) => x.item.id);
}

export const scoWeek = defineRule({
  id: "sco.week",
  force: "C",
  title: "35-hour working week; 195-day year (190 pupil days)",
  source: SRC.snct,
  params: {
    weeklyHours: p.number(35),
    personalHours: p.number(7.5),
    weeks: p.number(39),
    yearDays: p.number(195),
    pupilDays: p.number(190),
    inServiceDays: p.number(5),
    inServiceDayHours: p.number(5.5),
  },
  check: {
    year: (ctx, r) => {
      const max = Math.round(r.params.yearDays * ctx.profile.fte);
      if (ctx.year.directedDays <= max) return;
      r.emit(
        "breach",
        ctx.cal.startInstant,
        ctx.cal.endInstant,
        [],
        `You have worked on ${ctx.year.directedDays} school days this year; the working year is ${max} days.`,
        "Ask which of these days the school counts as working days.",
      );
    },
  },
});

export const scoContactMax = defineRule({
  id: "sco.contact.max",
  force: "C",
  title: "Class contact at most 22.5 hours a week (probationers 18.5), cover and registration included",
  source: `${SRC.snct}; ${SRC.wdAgreement}`,
  params: { maxHours: p.number(22.5), probationerHours: p.number(18.5) },
  check: {
    week: (ctx, r) => {
      const l = ctx.agg.ledger;
      // Averaging over 2–4 weeks replaces the weekly maximum where it has been agreed (sco.flex).
      if (ctx.p(scoFlex).enabled || l.contactMaxRule !== "sco.contact.max") return;
      if (l.contactMaxMinutes === null || l.contactMinutes <= l.contactMaxMinutes) return;
      r.emit(
        "breach",
        ...weekSpan(ctx),
        contactIds(ctx.agg),
        `Class contact this week, cover and registration included, is ${formatMinutes(l.contactMinutes)}; the maximum is ${formatMinutes(l.contactMaxMinutes)}.`,
        "Decline further cover this week; additional classes are only allowed up to the maximum.",
      );
    },
  },
});

export const scoPleaseTake = defineRule({
  id: "sco.please_take",
  force: "C",
  title: 'Cover ("please takes") counts against class contact and any local weekly or termly limit',
  source: `${SRC.snct}; the local working time agreement`,
  params: { weeklyLimit: p.number(0), termlyLimit: p.number(0) },
  check: {
    week: (ctx, r) => {
      const limit = r.params.weeklyLimit;
      const n = ctx.agg.ledger.coverCount;
      if (limit <= 0 || n <= limit) return;
      r.emit(
        "warning",
        ...weekSpan(ctx),
        ofKind(ctx.agg.items, "cover").map((x) => x.item.id),
        `${n} please takes this week; your local agreement allows ${limit} a week.`,
        "Decline further cover this week and raise it through the working time agreement.",
      );
    },
    year: (ctx, r) => {
      const limit = r.params.termlyLimit;
      if (limit <= 0) return;
      for (const t of ctx.year.coverByTerm) {
        if (t.count <= limit) continue;
        r.emit(
          "warning",
          ctx.cal.startInstant,
          ctx.cal.endInstant,
          [],
          `${t.count} please takes in the ${t.term.toLowerCase()}; your local agreement allows ${limit} a term.`,
          "Raise the amount of cover through the working time agreement.",
        );
      }
    },
  },
});

export const scoPrep = defineRule({
  id: "sco.prep",
  force: "C",
  title: "Preparation and correction time, at least a third of class contact, is personal",
  source: `${SRC.snct}; ${SRC.wdAgreement}`,
  params: { minRatio: p.number(1 / 3) },
  check: {
    week: (ctx, r) => {
      const personal = ofKind(ctx.agg.items, "non-contact", "ppa");
      for (const m of ofKind(ctx.agg.items, "meeting")) {
        const slot = personal.find((x) => overlaps(x.item, m.item));
        if (!slot) continue;
        r.emit(
          "warning",
          Math.max(m.item.start, slot.item.start),
          Math.min(m.item.end, slot.item.end),
          [slot.item.id, m.item.id],
          `The meeting "${m.item.title}" is placed in your personal preparation time, which is yours to use.`,
          "Ask for the meeting to be moved into collegiate time.",
        );
      }
    },
  },
});

export const scoCollegiate = defineRule({
  id: "sco.collegiate",
  force: "C",
  title: "Collegiate time, planned by category in the working time agreement",
  source: `${SRC.snct}; the school's working time agreement`,
  params: { totalHours: p.number(190) },
  open: { [HOURS]: p.number(0), [MATCH]: p.text("") },
  check: {
    year: (ctx, r) => {
      const span: [number, number] = [ctx.cal.startInstant, ctx.cal.endInstant];
      const used = ctx.year.collegiate;
      const total = used.reduce((m, c) => m + c.usedMinutes, 0);
      const allowed = Math.round(r.params.totalHours * 60 * ctx.profile.fte);
      if (total > allowed) {
        r.emit(
          "warning",
          ...span,
          [],
          `Collegiate activities on your calendar add up to ${formatMinutes(total)} this year; the agreement plans ${formatMinutes(allowed)}.`,
          "Ask for the collegiate plan to be reviewed through the school's working time agreement.",
        );
      }
      for (const c of used) {
        if (c.agreedMinutes === null || c.usedMinutes <= c.agreedMinutes) continue;
        r.emit(
          "warning",
          ...span,
          [],
          `"${c.category}" has used ${formatMinutes(c.usedMinutes)} of the ${formatMinutes(c.agreedMinutes)} agreed for it this year.`,
          "Raise it with the school's working time agreement group; changes during the session must be agreed.",
        );
      }
    },
  },
});

export const scoCpd = defineRule({
  id: "sco.cpd",
  force: "C",
  title: "CPD at most 35 hours a year",
  source: SRC.snct,
  params: { maxHours: p.number(35) },
  check: {
    year: (ctx, r) => {
      const max = Math.round(r.params.maxHours * 60 * ctx.profile.fte);
      if (ctx.year.cpdMinutes <= max) return;
      r.emit(
        "warning",
        ctx.cal.startInstant,
        ctx.cal.endInstant,
        [],
        `CPD on your calendar adds up to ${formatMinutes(ctx.year.cpdMinutes)} this year; the contractual maximum is ${formatMinutes(max)}.`,
        "Check your CPD plan with your line manager.",
      );
    },
  },
});

export const scoFlex = defineRule({
  id: "sco.flex",
  force: "C",
  title: "Where agreed, class contact averaged over 2 (at most 4) weeks, no week over 25 hours",
  source: SRC.snct,
  params: { enabled: p.yesNo(false), weeks: p.number(2), maxSingleWeekHours: p.number(25) },
  check: {
    year: (ctx, r) => {
      const n = Math.min(4, Math.max(2, r.params.weeks));
      const single = r.params.maxSingleWeekHours * 60 * ctx.profile.fte;
      for (let i = 0; i < ctx.weeks.length; i += n) {
        const group = ctx.weeks.slice(i, i + n);
        const max = group[0]!.ledger.contactMaxMinutes;
        if (max === null) continue;
        const avg = group.reduce((m, w) => m + w.ledger.contactMinutes, 0) / group.length;
        const span: [number, number] = [
          group[0]!.ledger.startInstant,
          group[group.length - 1]!.ledger.endInstant,
        ];
        if (avg > max) {
          r.emit(
            "breach",
            ...span,
            group.flatMap(contactIds),
            `Class contact averages ${formatMinutes(avg)} a week over these ${group.length} weeks; the maximum is ${formatMinutes(max)}.`,
            "Ask for the excess contact to be removed within the averaging period.",
          );
        }
        for (const w of group) {
          if (w.ledger.contactMinutes <= single) continue;
          r.emit(
            "breach",
            w.ledger.startInstant,
            w.ledger.endInstant,
            contactIds(w),
            `Class contact in the week of ${w.ledger.start} is ${formatMinutes(w.ledger.contactMinutes)}; under averaging no single week may exceed ${formatMinutes(single)}.`,
            "Decline further cover this week.",
          );
        }
      }
    },
  },
});

export const scoNoAggregation = defineRule({
  id: "sco.no_aggregation",
  force: "C",
  title: "No planned aggregation of hours beyond a week (parents' meetings excepted)",
  source: SRC.wdAgreement,
  params: {},
  check: {
    week: (ctx, r) => {
      const limit = ctx.agg.ledger.weeklyLimitMinutes;
      if (limit === null) return;
      const parents = ofKind(ctx.agg.items, "parents-evening").reduce((m, x) => m + x.minutes, 0);
      const counted = ctx.agg.ledger.workMinutes - parents;
      if (counted <= limit) return;
      r.emit(
        "warning",
        ...weekSpan(ctx),
        [],
        `Work on your calendar this week comes to ${formatMinutes(counted)} (parents' meetings aside), over the ${formatMinutes(limit)} week; hours should not be aggregated beyond a week.`,
        "Ask for some of this week's collegiate activities to be moved or dropped.",
      );
    },
  },
});

export const scoCoverDistribution = defineRule({
  id: "sco.cover.distribution",
  force: "C",
  title: "Non-contact time is respected; non-contact and department meetings in units of 30 minutes",
  source: SRC.eaCover,
  params: { minUnitMinutes: p.number(30) },
  check: {
    week: (ctx, r) => {
      const personal = ofKind(ctx.agg.items, "non-contact", "ppa");
      const min = r.params.minUnitMinutes;
      for (const c of ofKind(ctx.agg.items, "cover")) {
        const slot = personal.find((x) => overlaps(x.item, c.item));
        if (!slot) continue;
        r.emit(
          "breach",
          Math.max(c.item.start, slot.item.start),
          Math.min(c.item.end, slot.item.end),
          [slot.item.id, c.item.id],
          `Cover "${c.item.title}" is placed in your non-contact time, which should always be respected.`,
          "Ask for this non-contact time to be reinstated.",
        );
      }
      for (const x of personal) {
        if (x.minutes >= min) continue;
        r.emit(
          "info",
          x.item.start,
          x.item.end,
          [x.item.id],
          `This non-contact slot is ${x.minutes} minutes; non-contact time should come in units of at least ${min} minutes.`,
        );
      }
    },
  },
});

export const scoInstructors = defineRule({
  id: "sco.instructors",
  force: "C",
  title:
    "Music instructors: at most 27.5 h pupil contact, 2.5 h preparation, 5 h collegiate, a 40-minute midday break",
  source: SRC.wdAgreement,
  params: {
    contactHours: p.number(27.5),
    prepHours: p.number(2.5),
    collegiateHours: p.number(5),
    windowFrom: p.clock("12:00"),
    windowTo: p.clock("14:00"),
    minBreakMinutes: p.number(40),
  },
  check: {
    week: (ctx, r) => {
      if (ctx.profile.role !== "instructor") return;
      const l = ctx.agg.ledger;
      if (l.contactMaxMinutes !== null && l.contactMinutes > l.contactMaxMinutes) {
        r.emit(
          "breach",
          ...weekSpan(ctx),
          contactIds(ctx.agg),
          `Pupil contact this week is ${formatMinutes(l.contactMinutes)}; the maximum for instructors is ${formatMinutes(l.contactMaxMinutes)}.`,
          "Ask your ESO (Music Instruction) to adjust this week's schedule.",
        );
      }
      checkMiddayBreak(
        ctx,
        r,
        "personal midday break (travel excluded)",
        "Ask for a midday break of at least 40 minutes, not counting travel.",
      );
    },
  },
});

export const scotlandRules: readonly RuleDef[] = [
  scoWeek,
  scoContactMax,
  scoPleaseTake,
  scoPrep,
  scoCollegiate,
  scoCpd,
  scoFlex,
  scoNoAggregation,
  scoCoverDistribution,
  scoInstructors,
];

/** Categories and hours of the 190 collegiate hours, from the first Appendix 1 table of the agreement's Appendix 1. */
const WD_COLLEGIATE = {
  "hours.additional-preparation": 50,
  "hours.parents-meetings": 21,
  "hours.staff-meetings": 20,
  "hours.assessment-reporting": 60,
  "hours.forward-planning": 24,
  "hours.prd": 2,
  "hours.annex-d": 10,
  "hours.trade-union": 3,
} as const;

/** West Dunbartonshire's 35-hour week agreement, session 2012-13 (a local agreement: off unless picked). */
export const westDunbartonshire: LocalAgreement = {
  id: "west-dunbartonshire",
  name: "West Dunbartonshire 35-hour week agreement (session 2012-13)",
  jurisdiction: "scotland",
  source: SRC.wdAgreement,
  overrides: {
    // 39 weeks × 35 h − 5 in-service days × 5.5 h − 38 weeks × 22.5 h − 39 weeks × 7.5 h = 190 h.
    "sco.collegiate": {
      totalHours: 190,
      ...WD_COLLEGIATE,
      // Title keywords deciding the category of a collegiate item, tried in this order.
      "match.trade-union": "union|eis branch|eis meeting|ssta|nasuwt",
      "match.prd": "prd|professional review",
      "match.forward-planning": "forward plan|development plan|improvement plan|school plan",
      "match.assessment-reporting": "assessment|report|moderation|tracking|prelim",
      "match.additional-preparation": "preparation|correction|marking",
      "match.parents-meetings": "parent",
      "match.staff-meetings": "staff meeting|stage meeting|department|curriculum",
    },
    "sco.week": {
      weeklyHours: 35,
      weeks: 39,
      personalHours: 7.5,
      yearDays: 195,
      pupilDays: 190,
      inServiceDays: 5,
      inServiceDayHours: 5.5,
    },
    "sco.contact.max": { maxHours: 22.5 },
    "sco.cpd": { maxHours: 35 },
    "sco.instructors": { contactHours: 27.5, prepHours: 2.5, collegiateHours: 5, minBreakMinutes: 40 },
  },
};

export const scotland: Pack = {
  id: "scotland",
  label: "Scotland (SNCT)",
  choiceLabel: "Scotland",
  roles: ["classroom", "probationer", "instructor", "leadership"],
  defaults: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [8, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
    role: "classroom",
  },
  approximateTerms: threeUkTerms,
  rules: scotlandRules,
  overlays: ["uk-wtr", "ie-disconnect", "au-disconnect"],
  agreements: [westDunbartonshire],
  // Cover and registration count as class contact (SNCT; West Dunbartonshire agreement 2012-13, section 2.1).
  contactKinds: new Set<ItemKind>(["lesson", "cover", "registration"]),
  contactLimit: (profile, p) => {
    if (profile.role === "instructor") {
      return {
        minutes: Math.round(p(scoInstructors).contactHours * 60 * profile.fte),
        rule: scoInstructors.id,
      };
    }
    const q = p(scoContactMax);
    const hours = profile.role === "probationer" ? q.probationerHours : q.maxHours;
    return { minutes: Math.round(hours * 60 * profile.fte), rule: scoContactMax.id };
  },
  // What the school schedules: the 35-hour week over the working year less personal preparation time.
  budget: (profile, p) => {
    const q = p(scoWeek);
    return {
      minutes: Math.round((q.weeklyHours - q.personalHours) * q.weeks * 60 * profile.fte),
      days: Math.round(q.yearDays * profile.fte),
      rule: scoWeek.id,
    };
  },
  weeklyLimit: (profile, p) => Math.round(p(scoWeek).weeklyHours * 60 * profile.fte),
  collegiate: { rule: scoCollegiate, category: collegiateCategory, agreed: agreedCategories },
  meters: { teacher: true },
  yearLabel: "Directed time this year",
  email: {
    rule: scoWeek,
    ownWindowRule: scoWeek,
    applies: () => true,
    windowName: "working hours",
    advice: "you chose to send work email only in your working hours (your own setting)",
  },
};
