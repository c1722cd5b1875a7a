import type { ItemKind } from "../../model";
import { SRC } from "../sources";
import { p } from "../params";
import { defineRule, type Pack, type RuleDef } from "../types";
import { formatMinutes } from "../util";
import { nzBreaks } from "./nz-secondary";
import { fourNzTerms } from "./terms";

export const nzPriRelease = defineRule({
  id: "nz.pri.release",
  force: "C",
  title: "Classroom release time 25 hours a term (+10 for permanent unit holders)",
  source: SRC.nzPrimary,
  params: { termHours: p.number(25), unitHolderExtraHours: p.number(10) },
  check: {
    year: (ctx, r) => {
      const hours = r.params.termHours + (ctx.profile.permanentUnits > 0 ? r.params.unitHolderExtraHours : 0);
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
});

/** Hours of work are not fixed, so the send guard's window is the teacher's own working hours. */
export const nzPriHours = defineRule({
  id: "nz.pri.hours",
  force: "C",
  title: "Hours of work follow the teaching and duties (no fixed hours)",
  source: SRC.nzPrimaryHours,
  params: {},
  check: {},
  handledBy: "The send guard: the email window is the teacher's own working hours (a setting).",
});

export const nzPrimaryRules: readonly RuleDef[] = [nzPriRelease, nzPriHours];

export const nzPrimary: Pack = {
  id: "nz-primary",
  label: "New Zealand primary",
  choiceLabel: "New Zealand – primary",
  roles: ["classroom", "ect1", "ect2", "leadership"],
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
  rules: [...nzPrimaryRules, nzBreaks],
  overlays: ["ie-disconnect", "au-disconnect"],
  contactKinds: new Set<ItemKind>(["lesson", "cover"]),
  contactLimit: () => null,
  budget: () => null,
  weeklyLimit: () => null,
  meters: { teacher: true },
  yearLabel: "Directed time this year",
  email: {
    rule: nzPriHours,
    ownWindowRule: nzPriHours,
    applies: () => true,
    windowName: "working hours",
    advice: "you chose to send work email only in your working hours (your own setting)",
  },
};
