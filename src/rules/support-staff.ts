import type { ItemKind, Profile } from "../model";
import { weekSpan } from "./shared";
import { SRC } from "./sources";
import type { ParamsOf, Regime, RuleDef } from "./types";
import { bool, formatMinutes, num } from "./util";

export function greenBookWeek(profile: Profile, p: ParamsOf): number {
  const q = p("support.green_book");
  const hours = bool(q, "london") ? num(q, "londonWeeklyHours", 36) : num(q, "weeklyHours", 37);
  return Math.round(hours * 60 * profile.fte);
}

export const supportStaffRegime: Regime = {
  jurisdiction: "support-staff",
  label: "School support staff (Green Book)",
  packs: ["support-staff", "uk-wtr"],
  contactKinds: new Set<ItemKind>(),
  contactLimit: () => null,
  budget: (profile, p) => {
    const weeks = num(p("support.green_book"), "weeks", 39);
    return {
      minutes: greenBookWeek(profile, p) * weeks,
      days: Math.round(weeks * 5),
      rule: "support.green_book",
    };
  },
  weeklyLimit: greenBookWeek,
};

export const supportStaffRules: RuleDef[] = [
  {
    id: "support.green_book",
    force: "C",
    title: "37-hour week (36 in London); extra hours paid or TOIL at time and a half",
    source: SRC.greenBook,
    packs: ["support-staff"],
    defaults: { weeklyHours: 37, london: false, londonWeeklyHours: 36, overtimeRate: 1.5, weeks: 39 },
    check: {
      week: (ctx, r) => {
        const limit = ctx.agg.ledger.weeklyLimitMinutes;
        const worked = ctx.agg.ledger.workMinutes;
        if (limit === null || worked <= limit) return;
        const extra = worked - limit;
        const rate = num(r.params, "overtimeRate", 1.5);
        r.emit(
          "info",
          ...weekSpan(ctx),
          [],
          `You worked ${formatMinutes(worked)} this week, ${formatMinutes(extra)} over your contracted ${formatMinutes(limit)}; that is ${formatMinutes(extra * rate)} of overtime pay or time off in lieu at ${rate}×.`,
          "Record the extra hours and claim overtime or TOIL; if it happens regularly, ask for your contract to reflect it.",
        );
      },
    },
  },
];
