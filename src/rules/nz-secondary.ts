import type { ItemKind, Profile } from "../model";
import { weekSpan } from "./shared";
import { SRC } from "./sources";
import type { ParamsOf, Regime, RuleDef, RuleRun, WeekCtx } from "./types";
import { formatMinutes, innerGaps, MINUTE, num, ofKind, overlaps } from "./util";

/**
 * The binding weekly contact maximum under the ASTCA and the rule that sets it: 20 h, or 15/17.5 h for
 * first/second-year teachers, less 1 h per permanent unit (first three) and the specialist allowance.
 */
export function nzContactLimit(profile: Profile, p: ParamsOf): { minutes: number; rule: string } {
  let hours = num(p("nz.sec.contact"), "maxContactHours", 20);
  let rule = "nz.sec.contact";
  const beginning = p("nz.sec.beginning");
  if (profile.role === "ect1") {
    hours = Math.min(hours, num(beginning, "year1Hours", 15));
    rule = "nz.sec.beginning";
  } else if (profile.role === "ect2") {
    hours = Math.min(hours, num(beginning, "year2Hours", 17.5));
    rule = "nz.sec.beginning";
  }
  const units = p("nz.sec.units");
  const counted = Math.min(profile.permanentUnits, num(units, "maxUnits", 3));
  if (counted > 0) {
    hours -= counted * num(units, "perUnitHours", 1);
    if (rule === "nz.sec.contact") rule = "nz.sec.units";
  }
  if (profile.role === "specialist") {
    const s = p("nz.sec.specialist");
    const small = (profile.schoolRoll ?? Infinity) < num(s, "rollThreshold", 100);
    hours -= small ? num(s, "smallRollHours", 2) : num(s, "largeRollHours", 4);
    rule = "nz.sec.specialist";
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

export const nzSecondaryRegime: Regime = {
  jurisdiction: "nz-secondary",
  label: "New Zealand secondary (STCA/ASTCA)",
  packs: ["nz-secondary"],
  contactKinds: CONTACT,
  contactLimit: nzContactLimit,
  budget: () => null,
  weeklyLimit: () => null,
};

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
function checkContactMax(ctx: WeekCtx, r: RuleRun, id: string, why: string): void {
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

const PACK = ["nz-secondary"] as const;

export const nzSecondaryRules: RuleDef[] = [
  {
    id: "nz.sec.contact",
    force: "C",
    title: "At most 25 timetabled hours and 20 contact hours a week, at least 5 non-contact",
    source: `${SRC.astca}, ASTCA part 4`,
    packs: PACK,
    defaults: { maxTimetabledHours: 25, maxContactHours: 20 },
    check: {
      week: (ctx, r) => {
        checkContactMax(ctx, r, "nz.sec.contact", "full-time teacher");
        if (ctx.profile.fte < 1) return;
        const timetabled = timetabledMinutes(ctx);
        const max = num(r.params, "maxTimetabledHours", 25) * 60;
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
  },
  {
    id: "nz.sec.noncontact",
    force: "C",
    title: "At least 5 timetabled non-contact hours a week; relief taken from it is compensated",
    source: "Secondary Teachers' Collective Agreement 2023-2025, cl. 5.1.1(b) and 5.1A.1(d)",
    packs: PACK,
    defaults: { minHours: 5 },
    check: {
      week: (ctx, r) => {
        const nonContact = ofKind(ctx.agg.items, "ppa", "non-contact");
        const min = Math.round(num(r.params, "minHours", 5) * 60);
        // What relief leaves of the week's non-contact time, relief by relief.
        let left = ctx.agg.ledger.ppaMinutes;
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
        const got = ctx.agg.ledger.ppaMinutes;
        if (got >= min) return;
        r.emit(
          "warning",
          ...weekSpan(ctx),
          nonContact.map((x) => x.item.id),
          `Timetabled non-contact time this week is ${formatMinutes(got)}; a full-time teacher has at least ${formatMinutes(min)}.`,
          "Ask for your non-contact hours to be timetabled.",
        );
      },
    },
  },
  {
    id: "nz.sec.beginning",
    force: "C",
    title: "First-year teachers at most 15 h contact, second-year 17.5 h",
    source: `${SRC.astca}, ASTCA part 4`,
    packs: PACK,
    defaults: { year1Hours: 15, year2Hours: 17.5 },
    check: {
      week: (ctx, r) =>
        checkContactMax(
          ctx,
          r,
          "nz.sec.beginning",
          ctx.profile.role === "ect1" ? "first-year teacher" : "second-year teacher",
        ),
    },
  },
  {
    id: "nz.sec.units",
    force: "C",
    title: "Unit holders: 1 hour less contact for each of the first three permanent units",
    source: `${SRC.astca}, ASTCA part 4`,
    packs: PACK,
    defaults: { perUnitHours: 1, maxUnits: 3 },
    check: {
      week: (ctx, r) =>
        checkContactMax(
          ctx,
          r,
          "nz.sec.units",
          `${Math.min(ctx.profile.permanentUnits, num(r.params, "maxUnits", 3))} permanent units`,
        ),
    },
  },
  {
    id: "nz.sec.specialist",
    force: "C",
    title: "Specialist teachers: maximum contact reduced by 2 h (roll under 100) or 4 h",
    source: `${SRC.astca}, ASTCA part 2`,
    packs: PACK,
    defaults: { smallRollHours: 2, largeRollHours: 4, rollThreshold: 100 },
    check: { week: (ctx, r) => checkContactMax(ctx, r, "nz.sec.specialist", "specialist teacher allowance") },
  },
  {
    id: "nz.sec.parttime",
    force: "C",
    title: "Part-time: at most 19.5 timetabled hours a week",
    source: `${SRC.astca}, ASTCA part 4`,
    packs: PACK,
    defaults: { maxTimetabledHours: 19.5 },
    check: {
      week: (ctx, r) => {
        if (ctx.profile.fte >= 1) return;
        const timetabled = timetabledMinutes(ctx);
        const max = num(r.params, "maxTimetabledHours", 19.5) * 60;
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
  },
  {
    id: "nz.sec.exceed",
    force: "C",
    title: "Exceeding maximum contact needs a genuine reason and compensation, and should not be regular",
    source: `${SRC.astca}, ASTCA clause 4.2.2(c)`,
    packs: PACK,
    defaults: { regularWeeks: 2 },
    check: {
      year: (ctx, r) => {
        const regular = num(r.params, "regularWeeks", 2);
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
  },
  {
    id: "nz.sec.callback",
    force: "C",
    title: "Call-backs when school is closed: at most 5 days (25 h) administration and 5 days PD a year",
    source: `${SRC.astca}, ASTCA clause 4.7`,
    packs: PACK,
    defaults: { adminHours: 25, pdDays: 5 },
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
        const maxAdmin = num(r.params, "adminHours", 25) * 60;
        const maxPd = num(r.params, "pdDays", 5);
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
  },
];

/** Breaks under the Employment Relations Act, for both NZ packs. */
export const nzBreaksRule: RuleDef = {
  id: "nz.breaks",
  force: "S",
  title: "A 30-minute meal break and 10-minute rest breaks, free from duty",
  source: `${SRC.nzEra}; ${SRC.astca}`,
  packs: ["nz-secondary", "nz-primary"],
  defaults: { mealMinutes: 30, restMinutes: 10, longDayHours: 10 },
  check: {
    week: (ctx, r) => {
      const meal = num(r.params, "mealMinutes", 30) * MINUTE;
      const rest = num(r.params, "restMinutes", 10) * MINUTE;
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
          `On ${ctx.cal.days[d.day]!.date} your calendar leaves no room for a ${r.params.mealMinutes ?? 30}-minute meal break and ${restsNeeded} rest break${restsNeeded === 1 ? "" : "s"} free from duty (non-contact time is not a break).`,
          "Ask for breaks free of duty to be kept in this day.",
        );
      }
    },
  },
};
