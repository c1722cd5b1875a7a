import type { ItemKind } from "../model";
import { SRC } from "./sources";
import type { Regime, RuleDef } from "./types";
import { formatMinutes, num } from "./util";

export const nzPrimaryRegime: Regime = {
  jurisdiction: "nz-primary",
  label: "New Zealand primary",
  packs: ["nz-primary"],
  contactKinds: new Set<ItemKind>(["lesson", "cover"]),
  contactLimit: () => null,
  budget: () => null,
  weeklyLimit: () => null,
};

export const nzPrimaryRules: RuleDef[] = [
  {
    id: "nz.pri.release",
    force: "C",
    title: "Classroom release time 25 hours a term (+10 for permanent unit holders)",
    source: SRC.nzPrimary,
    packs: ["nz-primary"],
    defaults: { termHours: 25, unitHolderExtraHours: 10 },
    check: {
      year: (ctx, r) => {
        const hours =
          num(r.params, "termHours", 25) +
          (ctx.profile.permanentUnits > 0 ? num(r.params, "unitHolderExtraHours", 10) : 0);
        const due = Math.round(hours * 60 * ctx.profile.fte);
        const release = new Map<number, number>();
        for (const w of ctx.weeks) {
          for (const x of w.items) {
            if (x.item.kind !== "ppa" && x.item.kind !== "non-contact") continue;
            const term = ctx.cal.days[x.day]!.term;
            release.set(term, (release.get(term) ?? 0) + x.minutes);
          }
        }
        ctx.cal.terms.forEach((term, i) => {
          const days = ctx.cal.days.filter((d) => d.term === i);
          const lastDay = days[days.length - 1];
          // Only a finished term can be short of its release time.
          if (!lastDay || lastDay.end > ctx.now) return;
          const got = release.get(i) ?? 0;
          if (got >= due) return;
          r.emit(
            "warning",
            days[0]!.start,
            lastDay.end,
            [],
            `${term.name} gave you ${formatMinutes(got)} of classroom release time; the entitlement is ${formatMinutes(due)} a term.`,
            "Ask your principal when the missing release time will be given.",
          );
        });
      },
    },
  },
];
