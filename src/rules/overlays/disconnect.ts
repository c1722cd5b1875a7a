import { p } from "../params";
import { parseHm } from "../../time";
import { weekSpan } from "../shared";
import { SRC } from "../sources";
import { defineRule, type RuleGroup, type WeekCtx } from "../types";

/** Work items that fall outside the school day or on a weekend. */
function outOfHours(ctx: WeekCtx, directedOnly: boolean) {
  const from = parseHm(ctx.profile.schoolDayStart);
  const to = parseHm(ctx.profile.schoolDayEnd);
  return ctx.agg.items.filter((x) => {
    if (x.item.kind === "personal" || x.item.kind === "holiday" || (directedOnly && !x.item.directed))
      return false;
    return ctx.cal.days[x.day]!.weekday > 5 || x.startMin < from || x.endMin > to;
  });
}

/**
 * Right-to-disconnect advisories (Ireland, Australia): off by default, switched on from the options page with
 * `enabled: true`. They never raise a breach.
 */
export const ieDisconnect = defineRule({
  id: "ie.disconnect",
  force: "G",
  title: "Right not to routinely work outside normal hours",
  source: SRC.ieCode,
  params: { enabled: p.yesNo(false), routineDays: p.number(2) },
  check: {
    week: (ctx, r) => {
      const items = outOfHours(ctx, false);
      const days = new Set(items.map((x) => x.day)).size;
      if (days < r.params.routineDays) return;
      r.emit(
        "info",
        ...weekSpan(ctx),
        items.map((x) => x.item.id),
        `Work falls outside your normal hours on ${days} days this week; the Code of Practice gives you the right not to work outside normal hours routinely.`,
        "Raise the pattern with your manager; the code also asks employers not to email outside hours routinely.",
      );
    },
  },
});

export const auDisconnect = defineRule({
  id: "au.disconnect",
  force: "S",
  title: "Right to refuse contact outside working hours unless refusing is unreasonable",
  source: SRC.auFwa,
  params: { enabled: p.yesNo(false) },
  check: {
    week: (ctx, r) => {
      for (const x of outOfHours(ctx, true)) {
        r.emit(
          "info",
          x.item.start,
          x.item.end,
          [x.item.id],
          `"${x.item.title}" is outside your working hours; you may refuse to take part unless refusing would be unreasonable.`,
        );
      }
    },
  },
});

/** Off unless the teacher switches the rule on (its `enabled` parameter defaults to false). */
export const ieDisconnectGroup: RuleGroup = {
  id: "ie-disconnect",
  label: "Irish right to disconnect",
  rules: [ieDisconnect],
  on: () => true,
};

export const auDisconnectGroup: RuleGroup = {
  id: "au-disconnect",
  label: "Australian right to disconnect",
  rules: [auDisconnect],
  on: () => true,
};
