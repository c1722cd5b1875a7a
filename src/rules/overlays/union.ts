import { p } from "../params";
import { weekSpan } from "../shared";
import { SRC } from "../sources";
import { defineRule, type RuleGroup, type RuleDef } from "../types";
import { overlaps } from "../../model";
import { formatMinutes, ofKind } from "../util";

/**
 * NEU/NASUWT policy: an overlay the teacher can switch off, on by default in England and Wales. Always shown as
 * union advice, never as law.
 */
export const engDirectedCalendar = defineRule({
  id: "eng.directed.calendar",
  force: "U",
  title: "Every meeting is on the published directed-time calendar",
  source: `${SRC.asos}, instruction 2`,
  params: { calendarSource: p.text("") },
  check: {
    week: (ctx, r) => {
      const calendar = r.params.calendarSource;
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
});

export const engMeetingsWeekly = defineRule({
  id: "eng.meetings.weekly",
  force: "U",
  title: "At most one after-school meeting a week (1 hour), and two evenings",
  source: SRC.asos,
  params: {
    maxPerWeek: p.number(1),
    maxMinutes: p.number(60),
    maxEvenings: p.number(2),
  },
  check: {
    week: (ctx, r) => {
      const l = ctx.agg.ledger;
      const maxPerWeek = r.params.maxPerWeek;
      const maxMinutes = r.params.maxMinutes;
      const maxEvenings = r.params.maxEvenings;
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
          `${l.eveningCount} evenings of directed work this week; union policy is at most ${maxEvenings}, parents' evenings included. An evening here is a day on which a meeting, parents' evening or other directed work beyond lessons runs past the end of the pupils' day, whatever time it finishes (this app's reading of the advice).`,
          "Ask for an evening commitment to be moved to another week.",
        );
      }
    },
  },
});

export const engEmailDirected = defineRule({
  id: "eng.email.directed",
  force: "U",
  title: "Send and answer work email only in directed time",
  source: `${SRC.asos}, instruction 4; ${SRC.nasuwtEmail}`,
  // "directed": a day with directed items opens for their span; "school-day": the school day, widened by them.
  params: { window: p.oneOf("directed", ["directed", "school-day"]) },
  handledBy: "The send guard, at the moment of sending, from emailWindows() (src/rules/email.ts).",
  check: {},
});

export const engPpaLost = defineRule({
  id: "eng.ppa.lost",
  force: "U",
  title: "PPA lost to cover or another school event should be given back",
  source: SRC.unionPpa,
  params: {},
  check: {
    week: (ctx, r) => {
      // Any directed work booked over PPA displaces it: cover, a meeting, a trip, a duty.
      for (const slot of ofKind(ctx.agg.items, "ppa")) {
        const by = ctx.agg.items.filter(
          (x) =>
            x !== slot &&
            x.item.directed &&
            x.item.kind !== "ppa" &&
            x.item.kind !== "non-contact" &&
            overlaps(x.item, slot.item),
        );
        if (by.length === 0) continue;
        let lostMs = 0;
        let cursor = slot.item.start;
        for (const x of by.sort((a, b) => a.item.start - b.item.start)) {
          const from = Math.max(cursor, x.item.start);
          const to = Math.min(slot.item.end, x.item.end);
          if (to > from) lostMs += to - from;
          cursor = Math.max(cursor, to);
        }
        const lost = Math.round(lostMs / 60_000);
        r.emit(
          "warning",
          slot.item.start,
          slot.item.end,
          [slot.item.id, ...by.map((x) => x.item.id)],
          `${formatMinutes(lost)} of your PPA on ${ctx.cal.days[slot.day]!.date} is displaced by "${by[0]!.item.title}"${by.length > 1 ? ` and ${by.length - 1} more` : ""}; that time is not PPA, and lost PPA should be given back (PPA lost to your own absence is not).`,
          `Ask for ${formatMinutes(lost)} of PPA to be reinstated.`,
        );
      }
    },
  },
});

export const engObservationCap = defineRule({
  id: "eng.observation.cap",
  force: "U",
  title: "At most three observations a year, three hours in total",
  source: `${SRC.asos}, instructions 6-7`,
  params: { maxCount: p.number(3), maxMinutes: p.number(180) },
  check: {
    year: (ctx, r) => {
      const obs = ctx.weeks.flatMap((w) => ofKind(w.items, "observation"));
      const maxCount = r.params.maxCount;
      const maxMinutes = r.params.maxMinutes;
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
});

export const engReportsAnnual = defineRule({
  id: "eng.reports.annual",
  force: "U",
  title: "One written report to parents a year",
  source: `Education (Pupil Information) (England) Regulations 2005 (SI 2005/1437) reg. 6 (at least one); ${SRC.asos} (no more than one)`,
  params: { maxRounds: p.number(1), roundGapDays: p.number(21) },
  check: {
    year: (ctx, r) => {
      const items = ctx.weeks.flatMap((w) => ofKind(w.items, "report-writing"));
      const gap = r.params.roundGapDays * 86_400_000;
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
      const max = r.params.maxRounds;
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
});

export const engGainedTime = defineRule({
  id: "eng.gained.time",
  force: "U",
  title: "In gained time only the listed activities may be directed",
  source: `${SRC.asos}, gained time`,
  params: {},
  notCheckable:
    "The calendar does not say which classes have left for study or exam leave, so gained time cannot be told apart from other free periods.",
  check: {},
});

export const unionRules: readonly RuleDef[] = [
  engDirectedCalendar,
  engMeetingsWeekly,
  engEmailDirected,
  engPpaLost,
  engObservationCap,
  engReportsAnnual,
  engGainedTime,
];

/**
 * NEU/NASUWT policy: an overlay the teacher can switch off, on by default in England and Wales. Always shown as
 * union advice, never as law.
 */
export const union: RuleGroup = {
  id: "union",
  label: "Union advice (NEU, NASUWT)",
  rules: unionRules,
  on: (profile) => profile.unionOverlay,
};
