import { weekSpan } from "./shared";
import { SRC } from "./sources";
import type { RuleDef } from "./types";
import { formatMinutes, num, ofKind, overlaps, str } from "./util";

/**
 * NEU/NASUWT policy: an overlay the teacher can switch off, on by default in England and Wales. Always shown as
 * union advice, never as law.
 */
export const unionRules: RuleDef[] = [
  {
    id: "eng.directed.calendar",
    force: "U",
    title: "Every meeting is on the published directed-time calendar",
    source: `${SRC.asos}, instruction 2`,
    packs: ["union"],
    defaults: { calendarSource: "" },
    check: {
      week: (ctx, r) => {
        const calendar = str(r.params, "calendarSource");
        if (!calendar) return;
        for (const x of ofKind(ctx.agg.items, "meeting")) {
          if (!x.item.directed || x.item.source === calendar) continue;
          r.emit(
            "warning",
            x.item.start,
            x.item.end,
            [x.item.id],
            `The meeting "${x.item.title}" is not on the school's directed-time calendar.`,
            "Ask for the meeting to be added to the directed-time calendar, or to be cancelled.",
          );
        }
      },
    },
  },
  {
    id: "eng.meetings.weekly",
    force: "U",
    title: "At most one after-school meeting a week (1 hour), and two evenings",
    source: SRC.asos,
    packs: ["union"],
    defaults: { maxPerWeek: 1, maxMinutes: 60, maxEvenings: 2, eveningFrom: "17:30" },
    check: {
      week: (ctx, r) => {
        const l = ctx.agg.ledger;
        const maxPerWeek = num(r.params, "maxPerWeek", 1);
        const maxMinutes = num(r.params, "maxMinutes", 60);
        const maxEvenings = num(r.params, "maxEvenings", 2);
        const meetings = ofKind(ctx.agg.items, "meeting").filter((x) => x.item.directed);
        if (l.meetingCount > maxPerWeek) {
          r.emit(
            "warning",
            ...weekSpan(ctx),
            meetings.map((x) => x.item.id),
            `${l.meetingCount} after-school meetings this week; union policy is no more than ${maxPerWeek} a week on average.`,
            "Ask for the meeting schedule to be spread out, or for one of these to be dropped.",
          );
        }
        for (const x of meetings) {
          if (x.minutes <= maxMinutes) continue;
          r.emit(
            "warning",
            x.item.start,
            x.item.end,
            [x.item.id],
            `"${x.item.title}" lasts ${formatMinutes(x.minutes)}; union policy is that meetings last at most ${formatMinutes(maxMinutes)}.`,
            "Ask for the meeting to finish on time.",
          );
        }
        if (l.eveningCount > maxEvenings) {
          r.emit(
            "warning",
            ...weekSpan(ctx),
            ctx.agg.items
              .filter(
                (x) => x.item.directed && (x.item.kind === "parents-evening" || x.item.kind === "meeting"),
              )
              .map((x) => x.item.id),
            `${l.eveningCount} evenings of directed work this week; union policy is at most ${maxEvenings}, parents' evenings included.`,
            "Ask for an evening commitment to be moved to another week.",
          );
        }
      },
    },
  },
  {
    id: "eng.email.directed",
    force: "U",
    title: "Send and answer work email only in directed time",
    source: `${SRC.asos}, instruction 4; NASUWT email advice`,
    packs: ["union"],
    defaults: { window: "directed" },
    handledBy: "The send guard, at the moment of sending, using sendWindows() (src/rules/email.ts).",
    check: {},
  },
  {
    id: "eng.ppa.lost",
    force: "U",
    title: "PPA lost to a school event should be given back",
    source: "NEU and NASUWT PPA advice",
    packs: ["union"],
    defaults: {},
    check: {
      week: (ctx, r) => {
        const events = new Set(["trip", "parents-evening", "inset", "cpd", "other"]);
        for (const slot of ofKind(ctx.agg.items, "ppa")) {
          const by = ctx.agg.items.find(
            (x) => events.has(x.item.kind) && x.item.directed && overlaps(x.item, slot.item),
          );
          if (!by) continue;
          r.emit(
            "warning",
            slot.item.start,
            slot.item.end,
            [slot.item.id, by.item.id],
            `Your PPA on ${ctx.cal.days[slot.day]!.date} is displaced by "${by.item.title}"; PPA lost to a school event should be given back (PPA lost to your own absence is not).`,
            "Ask for this PPA to be reinstated.",
          );
        }
      },
    },
  },
  {
    id: "eng.observation.cap",
    force: "U",
    title: "At most three observations a year, three hours in total",
    source: `${SRC.asos}, instructions 6-7`,
    packs: ["union"],
    defaults: { maxCount: 3, maxMinutes: 180 },
    check: {
      year: (ctx, r) => {
        const obs = ctx.weeks.flatMap((w) => ofKind(w.items, "observation"));
        const maxCount = num(r.params, "maxCount", 3);
        const maxMinutes = num(r.params, "maxMinutes", 180);
        const minutes = obs.reduce((m, x) => m + x.minutes, 0);
        if (obs.length <= maxCount && minutes <= maxMinutes) return;
        r.emit(
          "warning",
          obs[0]!.item.start,
          obs[obs.length - 1]!.item.end,
          obs.map((x) => x.item.id),
          `${obs.length} observations this year, ${formatMinutes(minutes)} in total; union policy is at most ${maxCount} a year and ${formatMinutes(maxMinutes)} in total, for all purposes.`,
          "Ask for the school's observation protocol and how these observations fit it.",
        );
      },
    },
  },
  {
    id: "eng.reports.annual",
    force: "U",
    title: "One written report to parents a year",
    source:
      "Education (Pupil Information) (England) Regulations 2005 (SI 2005/1437) reg. 6 (at least one); NUT/NEU ASOS guidance (no more than one)",
    packs: ["union"],
    defaults: { maxRounds: 1, roundGapDays: 21 },
    check: {
      year: (ctx, r) => {
        const items = ctx.weeks.flatMap((w) => ofKind(w.items, "report-writing"));
        const gap = num(r.params, "roundGapDays", 21) * 86_400_000;
        let rounds = 0;
        let lastEnd = -Infinity;
        let roundStart = 0;
        for (const x of items) {
          if (x.item.start - lastEnd > gap) {
            rounds++;
            roundStart = x.item.start;
          }
          lastEnd = x.item.end;
        }
        const max = num(r.params, "maxRounds", 1);
        if (rounds <= max) return;
        r.emit(
          "info",
          roundStart,
          lastEnd,
          items.map((x) => x.item.id),
          `Your calendar shows ${rounds} rounds of report writing this year; the law requires one written report a year and union advice is that one is enough.`,
          "Ask whether the extra round could be replaced by a parents' evening or a short data summary.",
        );
      },
    },
  },
  {
    id: "eng.gained.time",
    force: "U",
    title: "In gained time only the listed activities may be directed",
    source: `${SRC.asos}, gained time`,
    packs: ["union"],
    defaults: {},
    notCheckable:
      "The calendar does not say which classes have left for study or exam leave, so gained time cannot be told apart from other free periods.",
    check: {},
  },
];
