import { overlaps, type ItemKind, type Profile } from "../../model";
import { INCOMPLETE_TIMETABLE, timetableLooksIncomplete, weekSpan } from "../shared";
import { SRC } from "../sources";
import { p, type ParamSpecs } from "../params";
import { defineRule, type Pack, type ParamsOf, type RuleDef, type RuleRun, type WeekCtx } from "../types";
import { formatMinutes, innerGaps, MINUTE, ofKind } from "../util";
import { fourNzTerms } from "./terms";

/**
 * The binding weekly contact maximum under the ASTCA and the rule that sets it: 20 h, or 15/17.5 h for
 * first/second-year teachers, less 1 h per permanent unit (first three) and the specialist allowance.
 */
export function nzContactLimit(profile: Profile, p: ParamsOf): { minutes: number; rule: string } {
  let hours = p(nzSecContact).maxContactHours;
  let rule = nzSecContact.id;
  const beginning = p(nzSecBeginning);
  if (profile.role === "ect1" || profile.role === "ect2") {
    hours = Math.min(hours, profile.role === "ect1" ? beginning.year1Hours : beginning.year2Hours);
    rule = nzSecBeginning.id;
  }
  const units = p(nzSecUnits);
  const counted = Math.min(profile.permanentUnits, units.maxUnits);
  if (counted > 0) {
    hours -= counted * units.perUnitHours;
    if (rule === nzSecContact.id) rule = nzSecUnits.id;
  }
  if (profile.role === "specialist") {
    const s = p(nzSecSpecialist);
    const small = (profile.schoolRoll ?? Infinity) < s.rollThreshold;
    hours -= small ? s.smallRollHours : s.largeRollHours;
    rule = nzSecSpecialist.id;
  }
  return { minutes: Math.round(hours * 60), rule };
}

// Contact includes subject classes, supervision, SSR and mentoring; not form time (seed 003).
const CONTACT = new Set<ItemKind>(["lesson", "cover", "duty"]);
const TIMETABLED = new Set<ItemKind>([
  "lesson",
  "cover",
  "duty",
  "registration",
  "ppa",
  "non-contact",
  "meeting",
]);

function timetabledMinutes(ctx: WeekCtx): number {
  let m = 0;
  for (const x of ctx.agg.items) {
    const s = ctx.cal.days[x.day]!;
    // Timetabled hours are those in the school day on instruction days.
    if (TIMETABLED.has(x.item.kind) && s.weekday <= 5) m += x.minutes;
  }
  return m;
}

/** The week check shared by the rules that can set the contact maximum: each reports when it is the binding one. */
function checkContactMax(ctx: WeekCtx, r: RuleRun<ParamSpecs>, id: string, why: string): void {
  const l = ctx.agg.ledger;
  if (l.contactMaxRule !== id || l.contactMaxMinutes === null || l.contactMinutes <= l.contactMaxMinutes)
    return;
  r.emit(
    "breach",
    ...weekSpan(ctx),
    ofKind(ctx.agg.items, ...CONTACT).map((x) => x.item.id),
    `Timetabled contact this week is ${formatMinutes(l.contactMinutes)}; your maximum is ${formatMinutes(l.contactMaxMinutes)} (${why}).`,
    "Exceeding the maximum needs a genuine reason and the compensation in the school's timetable policy; ask what compensation applies.",
  );
}

export const nzSecContact = defineRule({
  id: "nz.sec.contact",
  force: "C",
  title: "At most 25 timetabled hours and 20 contact hours a week, at least 5 non-contact",
  source: `${SRC.astca}, ASTCA part 4`,
  params: { maxTimetabledHours: p.number(25), maxContactHours: p.number(20) },
  check: {
    week: (ctx, r) => {
      checkContactMax(ctx, r, "nz.sec.contact", "full-time teacher");
      if (ctx.profile.fte < 1) return;
      const timetabled = timetabledMinutes(ctx);
      const max = r.params.maxTimetabledHours * 60;
      if (timetabled > max) {
        r.emit(
          "breach",
          ...weekSpan(ctx),
          [],
          `Timetabled hours this week are ${formatMinutes(timetabled)}; the maximum for a full-time teacher is ${formatMinutes(max)}.`,
          "Ask for the timetable to be brought within 25 hours.",
        );
      }
    },
  },
});

export const nzSecNoncontact = defineRule({
  id: "nz.sec.noncontact",
  force: "C",
  title: "At least 5 timetabled non-contact hours a week; relief taken from it is compensated",
  source: "Secondary Teachers' Collective Agreement 2023-2025, cl. 5.1.1(b) and 5.1A.1(d)",
  params: { minHours: p.number(5) },
  check: {
    week: (ctx, r) => {
      const nonContact = ofKind(ctx.agg.items, "ppa", "non-contact");
      const min = Math.round(r.params.minHours * 60);
      // Timetabled non-contact time, before relief took any of it (the ledger counts it less what was displaced).
      const timetabled = ctx.agg.ledger.ppaMinutes + ctx.agg.ledger.ppaLostMinutes;
      // What relief leaves of the week's non-contact time, relief by relief.
      let left = timetabled;
      for (const c of ofKind(ctx.agg.items, "cover")) {
        const slot = nonContact.find((x) => overlaps(x.item, c.item));
        if (!slot) continue;
        const from = Math.max(c.item.start, slot.item.start);
        const to = Math.min(c.item.end, slot.item.end);
        left -= Math.round((to - from) / MINUTE);
        r.emit(
          "warning",
          from,
          to,
          [slot.item.id, c.item.id],
          `Relief "${c.item.title}" is taken from your non-contact time, leaving ${formatMinutes(Math.max(0, left))} of it this week (at least ${formatMinutes(min)} for a full-time teacher); the school's timetabling policy owes you compensation for it.`,
          "Ask what compensation the timetabling policy gives for this relief.",
        );
      }
      if (ctx.profile.fte < 1 || ctx.agg.ledger.contactMinutes === 0) return;
      const got = timetabled;
      if (got >= min) return;
      if (timetableLooksIncomplete(ctx.agg.ledger.contactMinutes, 1, ctx.profile)) {
        r.emit(
          "info",
          ...weekSpan(ctx),
          nonContact.map((x) => x.item.id),
          `This week's ${INCOMPLETE_TIMETABLE}: it holds ${formatMinutes(ctx.agg.ledger.contactMinutes)} of class contact, far less than your contract implies, so the non-contact minimum is not checked.`,
          "Import your full timetable to have non-contact time checked against it.",
        );
        return;
      }
      r.emit(
        "warning",
        ...weekSpan(ctx),
        nonContact.map((x) => x.item.id),
        `Timetabled non-contact time this week is ${formatMinutes(got)}; a full-time teacher has at least ${formatMinutes(min)}.`,
        "Ask for your non-contact hours to be timetabled.",
      );
    },
  },
});

export const nzSecBeginning = defineRule({
  id: "nz.sec.beginning",
  force: "C",
  title: "First-year teachers at most 15 h contact, second-year 17.5 h",
  source: `${SRC.astca}, ASTCA part 4`,
  params: { year1Hours: p.number(15), year2Hours: p.number(17.5) },
  check: {
    week: (ctx, r) =>
      checkContactMax(
        ctx,
        r,
        "nz.sec.beginning",
        ctx.profile.role === "ect1" ? "first-year teacher" : "second-year teacher",
      ),
  },
});

export const nzSecUnits = defineRule({
  id: "nz.sec.units",
  force: "C",
  title: "Unit holders: 1 hour less contact for each of the first three permanent units",
  source: `${SRC.astca}, ASTCA part 4`,
  params: { perUnitHours: p.number(1), maxUnits: p.number(3) },
  check: {
    week: (ctx, r) =>
      checkContactMax(
        ctx,
        r,
        "nz.sec.units",
        `${Math.min(ctx.profile.permanentUnits, r.params.maxUnits)} permanent units`,
      ),
  },
});

export const nzSecSpecialist = defineRule({
  id: "nz.sec.specialist",
  force: "C",
  title: "Specialist teachers: maximum contact reduced by 2 h (roll under 100) or 4 h",
  source: `${SRC.astca}, ASTCA part 2`,
  params: { smallRollHours: p.number(2), largeRollHours: p.number(4), rollThreshold: p.number(100) },
  check: { week: (ctx, r) => checkContactMax(ctx, r, "nz.sec.specialist", "specialist teacher allowance") },
});

export const nzSecParttime = defineRule({
  id: "nz.sec.parttime",
  force: "C",
  title: "Part-time: at most 19.5 timetabled hours a week",
  source: `${SRC.astca}, ASTCA part 4`,
  params: { maxTimetabledHours: p.number(19.5) },
  check: {
    week: (ctx, r) => {
      if (ctx.profile.fte >= 1) return;
      const timetabled = timetabledMinutes(ctx);
      const max = r.params.maxTimetabledHours * 60;
      if (timetabled <= max) return;
      r.emit(
        "breach",
        ...weekSpan(ctx),
        [],
        `Timetabled hours this week are ${formatMinutes(timetabled)}; the maximum for a part-time teacher is ${formatMinutes(max)}.`,
        "Ask for the timetable to be brought within your part-time hours.",
      );
    },
  },
});

export const nzSecExceed = defineRule({
  id: "nz.sec.exceed",
  force: "C",
  title: "Exceeding maximum contact needs a genuine reason and compensation, and should not be regular",
  source: `${SRC.astca}, ASTCA clause 4.2.2(c)`,
  params: { regularWeeks: p.number(2) },
  check: {
    year: (ctx, r) => {
      const regular = r.params.regularWeeks;
      const perTerm = new Map<number, (typeof ctx.weeks)[number][]>();
      for (const w of ctx.weeks) {
        const l = w.ledger;
        if (l.contactMaxMinutes === null || l.contactMinutes <= l.contactMaxMinutes) continue;
        const term = ctx.cal.days[w.week.firstDay]!.term;
        perTerm.set(term, [...(perTerm.get(term) ?? []), w]);
      }
      for (const [term, weeks] of perTerm) {
        if (weeks.length < regular) continue;
        r.emit(
          "warning",
          weeks[0]!.ledger.startInstant,
          weeks[weeks.length - 1]!.ledger.endInstant,
          [],
          `Your maximum contact was exceeded in ${weeks.length} weeks of ${ctx.cal.terms[term]?.name ?? "this term"}; it should not be a regular occurrence, and each time compensation under the timetable policy is owed.`,
          "Ask your principal for the compensation owed and for the timetable to be fixed.",
        );
      }
    },
  },
});

export const nzSecCallback = defineRule({
  id: "nz.sec.callback",
  force: "C",
  title: "Call-backs when school is closed: at most 5 days (25 h) administration and 5 days PD a year",
  source: `${SRC.astca}, ASTCA clause 4.7`,
  params: { adminHours: p.number(25), pdDays: p.number(5) },
  check: {
    year: (ctx, r) => {
      // Needs real term dates: without them holidays cannot be told from instruction days.
      if (ctx.cal.approximateTerms) return;
      let adminMinutes = 0;
      const pdDays = new Set<number>();
      const ids: string[] = [];
      for (const w of ctx.weeks) {
        for (const x of w.items) {
          const day = ctx.cal.days[x.day]!;
          const closed =
            day.term < 0 || day.training || ctx.holiday[x.day] === 1 || ctx.training[x.day] === 1;
          if (!x.item.directed || !closed || day.weekday > 5) continue;
          ids.push(x.item.id);
          if (x.item.kind === "cpd" || x.item.kind === "inset") pdDays.add(x.day);
          else adminMinutes += x.minutes;
        }
      }
      const maxAdmin = r.params.adminHours * 60;
      const maxPd = r.params.pdDays;
      if (adminMinutes > maxAdmin || pdDays.size > maxPd) {
        r.emit(
          "warning",
          ctx.cal.startInstant,
          ctx.cal.endInstant,
          ids,
          `When school is closed for instruction you have been called back for ${formatMinutes(adminMinutes)} of administration (limit ${formatMinutes(maxAdmin)}) and ${pdDays.size} days of PD (limit ${maxPd}).`,
          "Call-backs need adequate notice and the board must pay actual and reasonable costs; ask your principal about the excess.",
        );
      }
    },
  },
});

export const nzSecondaryRules: readonly RuleDef[] = [
  nzSecContact,
  nzSecNoncontact,
  nzSecBeginning,
  nzSecUnits,
  nzSecSpecialist,
  nzSecParttime,
  nzSecExceed,
  nzSecCallback,
];

/** Breaks under the Employment Relations Act, for both NZ packs. */
export const nzBreaks = defineRule({
  id: "nz.breaks",
  force: "S",
  title: "A 30-minute meal break and 10-minute rest breaks, free from duty",
  source: `${SRC.nzEra}; ${SRC.astca}`,
  params: { mealMinutes: p.number(30), restMinutes: p.number(10), longDayHours: p.number(10) },
  check: {
    week: (ctx, r) => {
      const meal = r.params.mealMinutes * MINUTE;
      const rest = r.params.restMinutes * MINUTE;
      for (const d of ctx.agg.days) {
        if (d.busy.length === 0) continue;
        const span = (d.busy[d.busy.length - 1]! - d.busy[0]!) / MINUTE;
        // 4–6 h: one rest and one meal break; over 6 h: two rests and a meal.
        const restsNeeded = span > 360 ? 2 : span > 240 ? 1 : 0;
        if (span <= 240) continue;
        // The longest gap holds the meal; what is left of it and every other gap can hold rest breaks.
        const gaps = innerGaps(d.busy).sort((a, b) => b - a);
        const mealOk = gaps[0] !== undefined && gaps[0] >= meal;
        const room = mealOk ? [gaps[0]! - meal, ...gaps.slice(1)] : gaps;
        const restsOk = room.reduce((n, g) => n + Math.floor(g / rest), 0) >= restsNeeded;
        if (mealOk && restsOk) continue;
        r.emit(
          "warning",
          d.busy[0]!,
          d.busy[d.busy.length - 1]!,
          ctx.agg.items.filter((x) => x.day === d.day).map((x) => x.item.id),
          `On ${ctx.cal.days[d.day]!.date} your calendar leaves no room for a ${r.params.mealMinutes}-minute meal break and ${restsNeeded} rest break${restsNeeded === 1 ? "" : "s"} free from duty (non-contact time is not a break).`,
          "Ask for breaks free of duty to be kept in this day.",
        );
      }
    },
  },
});

export const nzSecondary: Pack = {
  id: "nz-secondary",
  label: "New Zealand secondary (STCA/ASTCA)",
  choiceLabel: "New Zealand – secondary (STCA)",
  roles: ["classroom", "ect1", "ect2", "specialist", "leadership"],
  asks: ["permanentUnits"],
  defaults: {
    timeZone: "Pacific/Auckland",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [1, 28],
    schoolDayStart: "08:30",
    schoolDayEnd: "15:30",
    role: "classroom",
  },
  approximateTerms: fourNzTerms,
  rules: [...nzSecondaryRules, nzBreaks],
  overlays: ["ie-disconnect", "au-disconnect"],
  contactKinds: CONTACT,
  contactLimit: nzContactLimit,
  budget: () => null,
  weeklyLimit: () => null,
  meters: { teacher: true },
  yearLabel: "Directed time this year",
  email: {
    rule: nzSecContact,
    ownWindowRule: nzSecContact,
    applies: () => true,
    windowName: "working hours",
    advice: "you chose to send work email only in your working hours (your own setting)",
  },
};
