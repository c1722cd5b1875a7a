import type { ItemKind, Profile, WorkItem } from "../model";
import { dayIndexOf, instantAt, localMinute, parseHm, type WeekInfo, type YearCalendar } from "../time";
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

/** The pupils' timetabled day: what ends it, and what never makes a day an evening. */
const PUPIL_DAY: ReadonlySet<ItemKind> = new Set<ItemKind>(["lesson", "registration", "cover"]);
const NOT_EVENING: ReadonlySet<ItemKind> = new Set<ItemKind>([
  ...PUPIL_DAY,
  "ppa",
  "non-contact",
  "duty",
  "invigilation",
]);

/** Time protected from other duties: PPA and timetabled non-contact time. */
const PROTECTED: ReadonlySet<ItemKind> = new Set<ItemKind>(["ppa", "non-contact"]);

/**
 * Sums one week's items into its ledger line and per-day totals. Pure; no findings.
 * - A training day (`training`, from trainingDayItems) counts as a directed day of the school's usual length,
 *   merged with any timed items that day. It counts in the minutes but not in the day's busy or directed
 *   intervals, which the break rules read: the calendar does not say where that day's breaks fall.
 * - PPA displaced by any other directed item is not PPA: it is counted as lost PPA (eng.ppa.lost).
 * - An evening (RULES.md eng.meetings.weekly) is a day on which directed work other than the pupils'
 *   timetabled day runs after the end of their teaching day, whatever time it finishes.
 */
export function aggregateWeek(
  cal: YearCalendar,
  profile: Profile,
  pack: Pack,
  p: ParamsOf,
  week: WeekInfo,
  placed: Placed[],
  training: readonly Placed[] = [],
): WeekAgg {
  const items = placed.slice().sort((a, b) => a.item.start - b.item.start || a.item.end - b.item.end);
  const first = cal.days[week.firstDay]!;
  const last = cal.days[week.firstDay + 6]!;
  const contactLimit = pack.contactLimit(profile, p);
  const sessionEnd = profile.sessionEnd ? parseHm(profile.sessionEnd) : -1;
  const schoolDayEnd = parseHm(profile.schoolDayEnd);
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

  // Items by day, and the INSET days with no timed items.
  const byDay = new Map<number, Placed[]>();
  for (const x of items) {
    const list = byDay.get(x.day);
    if (list) list.push(x);
    else byDay.set(x.day, [x]);
  }
  const trainingSpan = new Map<number, Placed>();
  for (const x of training) {
    trainingSpan.set(x.day, x);
    if (!byDay.has(x.day)) byDay.set(x.day, []);
  }
  const dayOrder = [...byDay.keys()].sort((a, b) => a - b);

  const days: DayAgg[] = [];
  const pupilDayEnds = new Map<number, number>();
  for (const d of dayOrder) {
    let end = -1;
    for (const x of byDay.get(d)!) if (PUPIL_DAY.has(x.item.kind)) end = Math.max(end, x.endMin);
    pupilDayEnds.set(d, end);
  }
  // After school: from the end of the pupils' day. That is the profile's session end, else the day's last
  // lesson, else the latest lesson end this week (a day without lessons), else the school day's end.
  const weekPupilEnd = Math.max(-1, ...pupilDayEnds.values());
  const afterSchool = (d: number) => {
    const dayEnd = pupilDayEnds.get(d) ?? -1;
    return sessionEnd >= 0
      ? sessionEnd
      : dayEnd >= 0
        ? dayEnd
        : weekPupilEnd >= 0
          ? weekPupilEnd
          : schoolDayEnd;
  };

  for (const d of dayOrder) {
    const list = byDay.get(d)!;
    const busy: number[] = [];
    const directed: number[] = [];
    const otherDirected: number[] = [];
    const after = afterSchool(d);
    let evening = false;
    for (const x of list) {
      const it = x.item;
      if (isWork(it)) busy.push(it.start, it.end);
      if (it.directed) {
        directed.push(it.start, it.end);
        if (!PROTECTED.has(it.kind)) otherDirected.push(it.start, it.end);
        if (!NOT_EVENING.has(it.kind) && x.endMin > after) evening = true;
        if (it.kind === "meeting" && x.startMin >= after) ledger.meetingCount++;
      }
      if (it.kind === "lesson" || it.kind === "cover") ledger.teachingMinutes += x.minutes;
      if (pack.contactKinds.has(it.kind)) ledger.contactMinutes += x.minutes;
      if (it.kind === "cover") {
        ledger.coverCount++;
        ledger.coverMinutes += x.minutes;
      }
      if (collegiate && collegiateParams && it.directed) {
        const cat = collegiate.category(it, collegiateParams);
        if (cat) ledger.collegiateMinutes[cat] = (ledger.collegiateMinutes[cat] ?? 0) + x.minutes;
      }
    }
    // PPA and non-contact time count only where no other directed work sits on them.
    const taken = mergeIntervals(sortPairs(otherDirected));
    for (const x of list) {
      if (!PROTECTED.has(x.item.kind)) continue;
      const lost = Math.min(x.minutes, overlapMinutes(taken, x.item.start, x.item.end));
      ledger.ppaMinutes += x.minutes - lost;
      ledger.ppaLostMinutes += lost;
    }
    const mergedBusy = mergeIntervals(sortPairs(busy));
    const mergedDirected = mergeIntervals(sortPairs(directed));
    const trainingDay = trainingSpan.get(d)?.item;
    const withTraining = (merged: number[]) =>
      trainingDay
        ? intervalsMinutes(mergeIntervals(sortPairs([...merged, trainingDay.start, trainingDay.end])))
        : intervalsMinutes(merged);
    const agg: DayAgg = {
      day: d,
      busy: mergedBusy,
      directed: mergedDirected,
      workMinutes: withTraining(mergedBusy),
      directedMinutes: withTraining(mergedDirected),
      lastTeachingEndMin: pupilDayEnds.get(d) ?? -1,
    };
    days.push(agg);
    ledger.workMinutes += agg.workMinutes;
    ledger.directedMinutes += agg.directedMinutes;
    if (agg.directedMinutes > 0) ledger.directedDays++;
    if (evening) ledger.eveningCount++;
  }
  return { week, items, days, ledger, findings: [] };
}

/** Id prefix of the item that stands for a training day in the ledger and the evidence pack. */
export const TRAINING_DAY_ID = "training-day:";
/** The source of a training day that only the profile's settings list. */
export const TRAINING_DAYS_SOURCE = "profile";

/**
 * The school's training (INSET) days as the ledger counts them (RULES.md eng.directed.annual): each one a
 * directed item spanning the profile's school day, from the profile's training days and from all-day INSET
 * entries the teacher has not marked undirected, on the teacher's working days in the academic year.
 */
export function trainingDayItems(
  cal: YearCalendar,
  profile: Pick<Profile, "contractedDays" | "schoolDayStart" | "schoolDayEnd">,
  allDay: readonly WorkItem[],
): WorkItem[] {
  // The calendar that says so names the day's source; a day only the settings list is the profile's.
  const sourceOf = new Map<number, string>();
  for (const m of allDay) {
    if (!m.allDay || m.kind !== "inset" || !m.directed) continue;
    if (m.end <= cal.startInstant || m.start >= cal.endInstant) continue;
    for (
      let d = Math.max(0, dayIndexOf(cal, Math.max(m.start, cal.startInstant)));
      d < cal.days.length && cal.days[d]!.start < m.end;
      d++
    ) {
      if (!sourceOf.has(d)) sourceOf.set(d, m.source);
    }
  }
  for (let d = 0; d < cal.days.length; d++)
    if (cal.days[d]!.training && !sourceOf.has(d)) sourceOf.set(d, TRAINING_DAYS_SOURCE);
  const contracted = new Set(profile.contractedDays);
  const from = parseHm(profile.schoolDayStart);
  const to = parseHm(profile.schoolDayEnd);
  const out: WorkItem[] = [];
  for (const [d, source] of [...sourceOf].sort((a, b) => a[0] - b[0])) {
    const day = cal.days[d]!;
    if (!day.inYear || !contracted.has(day.weekday) || to <= from) continue;
    out.push({
      id: `${TRAINING_DAY_ID}${day.date}`,
      start: instantAt(cal, d, from),
      end: instantAt(cal, d, to),
      title: "Training day (INSET), counted as a school day",
      kind: "inset",
      directed: true,
      source,
      sourceUid: day.date,
      confirmed: true,
    });
  }
  return out;
}

/** Lessons on the timetable: class teaching less cover, the base of the PPA ratio. */
export function timetabledTeachingMinutes(
  week: Pick<WeekLedger, "teachingMinutes" | "coverMinutes">,
): number {
  return week.teachingMinutes - week.coverMinutes;
}

/** [start, end] pairs sorted by start (mergeIntervals needs them in order). */
function sortPairs(flat: number[]): number[] {
  if (flat.length <= 2) return flat;
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** Minutes of [from, to) covered by merged intervals. */
function overlapMinutes(merged: number[], from: number, to: number): number {
  let ms = 0;
  for (let i = 0; i < merged.length; i += 2) {
    const s = Math.max(from, merged[i]!);
    const e = Math.min(to, merged[i + 1]!);
    if (e > s) ms += e - s;
  }
  return Math.round(ms / MINUTE);
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
    ppaLostMinutes: 0,
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
