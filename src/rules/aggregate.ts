import type { Profile, WorkItem } from "../model";
import { dayIndexOf, localMinute, parseHm, type WeekInfo, type YearCalendar } from "../time";
import { engMeetingsWeekly } from "./overlays/union";
import type { DayAgg, Pack, ParamsOf, Placed, WeekAgg, WeekLedger } from "./types";
import { MINUTE, intervalsMinutes, isWork, mergeIntervals } from "./util";

/**
 * Place a timed item on its local day, or return null when it is all-day or outside the academic year
 * (only the academic year is evaluated).
 */
export function place(cal: YearCalendar, item: WorkItem): Placed | null {
  if (item.allDay || item.start < cal.startInstant || item.start >= cal.endInstant || item.end < item.start)
    return null;
  const day = dayIndexOf(cal, item.start);
  if (day < 0) return null;
  const startMin = localMinute(cal, day, item.start);
  const endMin = item.end < cal.days[cal.days.length - 1]!.end ? localMinute(cal, day, item.end) : startMin;
  return { item, day, startMin, endMin, minutes: Math.max(0, Math.round((item.end - item.start) / MINUTE)) };
}

const TEACHING = new Set(["lesson", "registration", "cover"]);

/** Sums one week's items into its ledger line and per-day totals. Pure; no findings. */
export function aggregateWeek(
  cal: YearCalendar,
  profile: Profile,
  pack: Pack,
  p: ParamsOf,
  week: WeekInfo,
  placed: Placed[],
): WeekAgg {
  const items = placed.slice().sort((a, b) => a.item.start - b.item.start || a.item.end - b.item.end);
  const first = cal.days[week.firstDay]!;
  const last = cal.days[week.firstDay + 6]!;
  const contactLimit = pack.contactLimit(profile, p);
  const eveningFrom = parseHm(p(engMeetingsWeekly).eveningFrom);
  const sessionEnd = profile.sessionEnd ? parseHm(profile.sessionEnd) : -1;
  const defaultSessionEnd = parseHm(profile.schoolDayEnd);
  const collegiate = pack.collegiate;
  const collegiateParams = collegiate ? p(collegiate.rule) : undefined;

  const ledger = emptyWeekLedger(week.start, {
    startInstant: first.start,
    endInstant: last.end,
    cycle: week.cycle,
    contactMaxMinutes: contactLimit?.minutes ?? null,
    contactMaxRule: contactLimit?.rule ?? null,
    weeklyLimitMinutes: pack.weeklyLimit(profile, p),
  });

  const days: DayAgg[] = [];
  const ranges: [number, number, number][] = [];
  let i = 0;
  while (i < items.length) {
    const day = items[i]!.day;
    let j = i;
    const busy: number[] = [];
    const directed: number[] = [];
    let lastTeachingEndMin = -1;
    let evening = false;
    for (; j < items.length && items[j]!.day === day; j++) {
      const x = items[j]!;
      const it = x.item;
      if (isWork(it)) busy.push(it.start, it.end);
      if (it.directed) {
        directed.push(it.start, it.end);
        if (it.kind === "parents-evening" || (it.kind !== "lesson" && x.endMin > eveningFrom)) evening = true;
      }
      if (TEACHING.has(it.kind)) lastTeachingEndMin = Math.max(lastTeachingEndMin, x.endMin);
      if (it.kind === "lesson" || it.kind === "cover") ledger.teachingMinutes += x.minutes;
      if (pack.contactKinds.has(it.kind)) ledger.contactMinutes += x.minutes;
      if (it.kind === "ppa" || it.kind === "non-contact") ledger.ppaMinutes += x.minutes;
      if (it.kind === "cover") {
        ledger.coverCount++;
        ledger.coverMinutes += x.minutes;
      }
      if (collegiate && collegiateParams && it.directed) {
        const cat = collegiate.category(it, collegiateParams);
        if (cat) ledger.collegiateMinutes[cat] = (ledger.collegiateMinutes[cat] ?? 0) + x.minutes;
      }
    }
    ranges.push([i, j, lastTeachingEndMin]);
    const mergedBusy = mergeIntervals(busy);
    const mergedDirected = mergeIntervals(directed);
    const agg: DayAgg = {
      day,
      busy: mergedBusy,
      directed: mergedDirected,
      workMinutes: intervalsMinutes(mergedBusy),
      directedMinutes: intervalsMinutes(mergedDirected),
      lastTeachingEndMin,
    };
    days.push(agg);
    ledger.workMinutes += agg.workMinutes;
    ledger.directedMinutes += agg.directedMinutes;
    if (agg.directedMinutes > 0) ledger.directedDays++;
    if (evening) ledger.eveningCount++;
    i = j;
  }
  // After-school: from the end of the pupils' day. That is the profile's session end, else the day's last
  // lesson, else the latest lesson end this week (a day without lessons), else the school day's end.
  const weekTeachingEnd = Math.max(-1, ...ranges.map((r) => r[2]));
  for (const [from, to, dayTeachingEnd] of ranges) {
    const afterFrom =
      sessionEnd >= 0
        ? sessionEnd
        : dayTeachingEnd >= 0
          ? dayTeachingEnd
          : weekTeachingEnd >= 0
            ? weekTeachingEnd
            : defaultSessionEnd;
    for (let k = from; k < to; k++) {
      const x = items[k]!;
      if (x.item.kind === "meeting" && x.item.directed && x.startMin >= afterFrom) ledger.meetingCount++;
    }
  }
  return { week, items, days, ledger, findings: [] };
}

/** A week with nothing counted yet: every count zero, no span and no limits unless given. */
export function emptyWeekLedger(start: string, given: Partial<WeekLedger> = {}): WeekLedger {
  return {
    start,
    startInstant: 0,
    endInstant: 0,
    cycle: 0,
    directedMinutes: 0,
    teachingMinutes: 0,
    contactMinutes: 0,
    contactMaxMinutes: null,
    contactMaxRule: null,
    ppaMinutes: 0,
    coverCount: 0,
    coverMinutes: 0,
    meetingCount: 0,
    eveningCount: 0,
    workMinutes: 0,
    weeklyLimitMinutes: null,
    directedDays: 0,
    collegiateMinutes: {},
    ...given,
  };
}
