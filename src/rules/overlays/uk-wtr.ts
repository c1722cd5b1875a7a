import { p } from "../params";
import { SRC } from "../sources";
import { weekSpan } from "../shared";
import { defineRule, type DayAgg, type RuleDef, type RuleGroup } from "../types";
import { HOUR, MINUTE, formatMinutes, innerGaps, intervalsMinutes, longestGap } from "../util";

/** The Working Time Regulations: statute, applied with every UK pack. */
export const ukWtrAvg48 = defineRule({
  id: "uk.wtr.avg48",
  force: "S",
  title: "Average working week at most 48 hours over 17 weeks",
  source: `${SRC.wtr} reg. 4`,
  params: { maxHours: p.number(48), weeks: p.number(17), optedOut: p.yesNo(false) },
  check: {
    year: (ctx, r) => {
      if (r.params.optedOut) return;
      const n = Math.max(1, r.params.weeks);
      const max = r.params.maxHours * 60;
      let sum = 0;
      let inRun = false;
      ctx.weeks.forEach((w, i) => {
        sum += w.ledger.workMinutes;
        if (i >= n) sum -= ctx.weeks[i - n]!.ledger.workMinutes;
        const avg = sum / Math.min(i + 1, n);
        const over = i + 1 >= n && avg > max;
        if (over && !inRun) {
          r.emit(
            "warning",
            ctx.weeks[i + 1 - n]!.ledger.startInstant,
            w.ledger.endInstant,
            [],
            `Your working week averages ${formatMinutes(avg)} over the ${n} weeks to ${w.ledger.start}; the legal limit is ${formatMinutes(max)} unless you have opted out in writing.`,
            "Raise your working hours with your line manager; the employer must keep within the limit.",
          );
        }
        inRun = over;
      });
    },
  },
});

export const ukWtrDailyRest = defineRule({
  id: "uk.wtr.daily_rest",
  force: "S",
  title: "11 consecutive hours' rest in each 24 hours",
  source: `${SRC.wtr} reg. 10`,
  params: { minHours: p.number(11) },
  check: {
    year: (ctx, r) => {
      const min = r.params.minHours * HOUR;
      let prev: DayAgg | undefined;
      for (const w of ctx.weeks) {
        for (const d of w.days) {
          if (d.busy.length === 0) continue;
          if (prev && d.day === prev.day + 1) {
            const lastEnd = prev.busy[prev.busy.length - 1]!;
            const firstStart = d.busy[0]!;
            const rest = firstStart - lastEnd;
            if (rest < min) {
              r.emit(
                "warning",
                lastEnd,
                firstStart,
                [],
                `Only ${formatMinutes(rest / MINUTE)} between the end of work on ${ctx.cal.days[prev.day]!.date} and the start on ${ctx.cal.days[d.day]!.date}; the law gives you 11 consecutive hours' rest.`,
                "Leave late work until you have had your rest, or raise the late finish with your line manager.",
              );
            }
          }
          prev = d;
        }
      }
    },
  },
});

export const ukWtrWeeklyRest = defineRule({
  id: "uk.wtr.weekly_rest",
  force: "S",
  title: "24 hours' uninterrupted rest each week",
  source: `${SRC.wtr} reg. 11`,
  params: { minHours: p.number(24) },
  check: {
    week: (ctx, r) => {
      if (ctx.agg.days.length === 0) return;
      const busy = ctx.agg.days.flatMap((d) => d.busy);
      const [from, to] = weekSpan(ctx);
      const min = r.params.minHours * HOUR;
      if (longestGap(busy, from, to) >= min) return;
      r.emit(
        "warning",
        from,
        to,
        [],
        `This week has no ${formatMinutes(min / MINUTE)} stretch without work; the law gives you 24 hours' uninterrupted rest each week (or 48 in each fortnight).`,
        "Keep one full day free of work, including email.",
      );
    },
  },
});

export const ukWtrBreak = defineRule({
  id: "uk.wtr.break",
  force: "S",
  title: "A 20-minute break when the working day is over 6 hours",
  source: `${SRC.wtr} reg. 12`,
  params: { breakMinutes: p.number(20), afterHours: p.number(6) },
  check: {
    week: (ctx, r) => {
      const brk = r.params.breakMinutes * MINUTE;
      const after = r.params.afterHours * 60;
      for (const d of ctx.agg.days) {
        // The timed work only: a training day counted as a whole school day says nothing of its breaks.
        const worked = intervalsMinutes(d.busy);
        if (worked <= after) continue;
        if (innerGaps(d.busy).some((g) => g >= brk)) continue;
        r.emit(
          "warning",
          d.busy[0]!,
          d.busy[d.busy.length - 1]!,
          ctx.agg.items.filter((x) => x.day === d.day).map((x) => x.item.id),
          `On ${ctx.cal.days[d.day]!.date} you work ${formatMinutes(worked)} with no break of ${brk / MINUTE} minutes; the law gives a 20-minute break when the working day is over 6 hours.`,
          "Ask for a break to be kept free in this day's timetable.",
        );
      }
    },
  },
});

export const ukWtrRules: readonly RuleDef[] = [ukWtrAvg48, ukWtrDailyRest, ukWtrWeeklyRest, ukWtrBreak];

/** The Working Time Regulations: statute, applied with every UK pack. */
export const ukWtr: RuleGroup = {
  id: "uk-wtr",
  label: "Working Time Regulations",
  rules: ukWtrRules,
  on: () => true,
};
