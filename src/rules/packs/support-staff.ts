import type { ItemKind, Profile } from "../../model";
import { weekSpan } from "../shared";
import { SRC } from "../sources";
import { p } from "../params";
import { defineRule, type Pack, type ParamsOf, type RuleDef } from "../types";
import { formatMinutes } from "../util";
import { threeUkTerms } from "./terms";

export function greenBookWeek(profile: Profile, p: ParamsOf): number {
  const q = p(supportGreenBook);
  return Math.round((q.london ? q.londonWeeklyHours : q.weeklyHours) * 60 * profile.fte);
}

export const supportGreenBook = defineRule({
  id: "support.green_book",
  force: "C",
  title: "37-hour week (36 in London); extra hours paid or TOIL at time and a half",
  source: SRC.greenBook,
  params: {
    weeklyHours: p.number(37),
    london: p.yesNo(false),
    londonWeeklyHours: p.number(36),
    overtimeRate: p.number(1.5),
    weeks: p.number(39),
  },
  check: {
    week: (ctx, r) => {
      const limit = ctx.agg.ledger.weeklyLimitMinutes;
      const worked = ctx.agg.ledger.workMinutes;
      if (limit === null || worked <= limit) return;
      const extra = worked - limit;
      const rate = r.params.overtimeRate;
      r.emit(
        "info",
        ...weekSpan(ctx),
        [],
        `You worked ${formatMinutes(worked)} this week, ${formatMinutes(extra)} over your contracted ${formatMinutes(limit)}; that is ${formatMinutes(extra * rate)} of overtime pay or time off in lieu at ${rate}×.`,
        "Record the extra hours and claim overtime or TOIL; if it happens regularly, ask for your contract to reflect it.",
      );
    },
  },
});

export const supportStaffRules: readonly RuleDef[] = [supportGreenBook];

export const supportStaff: Pack = {
  id: "support-staff",
  label: "School support staff (Green Book)",
  choiceLabel: "School support staff (Green Book)",
  roles: ["support"],
  defaults: {
    timeZone: "Europe/London",
    weekStart: 1,
    unionOverlay: false,
    yearStart: [9, 1],
    schoolDayStart: "08:30",
    schoolDayEnd: "16:00",
    role: "support",
  },
  approximateTerms: threeUkTerms,
  rules: supportStaffRules,
  overlays: ["uk-wtr", "ie-disconnect", "au-disconnect"],
  contactKinds: new Set<ItemKind>(),
  contactLimit: () => null,
  budget: (profile, p) => {
    const weeks = p(supportGreenBook).weeks;
    return {
      minutes: greenBookWeek(profile, p) * weeks,
      days: Math.round(weeks * 5),
      rule: supportGreenBook.id,
    };
  },
  weeklyLimit: greenBookWeek,
  overtime: { rate: (p) => p(supportGreenBook).overtimeRate },
  meters: { teacher: false },
  yearLabel: "Hours this year",
  email: {
    rule: supportGreenBook,
    ownWindowRule: supportGreenBook,
    applies: () => true,
    windowName: "working hours",
    advice: "you chose to send work email only in your working hours (your own setting)",
  },
};
