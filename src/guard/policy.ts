/**
 * The send policy, computed in the background: the windows in which a teacher may send work email without
 * a warning, for the next 14 days, from the profile (contracted days, term dates, training days, the email
 * window) and the directed items on the calendar. The content script only reads it (see ./decide).
 */
import { DateTime } from "luxon";
import type { Profile, WorkItem } from "../model";
import { POLICY_HORIZON_DAYS, UNION_EMAIL_ADVICE, type SendPolicy } from "./decide";

export { decideSend, defaultPolicy, isException } from "./decide";
export type { AllowReason, SendDecision, SendPolicy } from "./decide";

/**
 * Per-profile settings live in `profile.overrides[SEND_GUARD_KEY]`: `enabled` (boolean), `start` and `end`
 * ("HH:MM", the email window on a working day; default 08:00–17:00 as the issue asks for a new profile).
 */
export const SEND_GUARD_KEY = "send.guard";
const DEFAULT_START = "08:00";
const DEFAULT_END = "17:00";
const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function computeSendPolicy(profile: Profile, items: readonly WorkItem[], now: number): SendPolicy {
  const zone = profile.timeZone;
  const settings = profile.overrides[SEND_GUARD_KEY] ?? {};
  const start = hm(settings.start, DEFAULT_START);
  const end = hm(settings.end, DEFAULT_END);

  const today = DateTime.fromMillis(now, { zone }).startOf("day");
  const horizonStart = today.toMillis();
  const horizonEnd = today.plus({ days: POLICY_HORIZON_DAYS }).toMillis();

  const training = new Set(profile.trainingDays);
  const closed = new Set<string>();
  for (const item of items) {
    if (!item.allDay || item.end <= horizonStart || item.start >= horizonEnd) continue;
    // All-day entries mark whole days: INSET counts as a training day, a holiday closes the day.
    const days = localDatesCovered(item.start, item.end, zone);
    if (item.kind === "inset") days.forEach((d) => training.add(d));
    else if (item.kind === "holiday") days.forEach((d) => closed.add(d));
  }

  const windows: Array<[number, number]> = [];
  for (let i = 0; i < POLICY_HORIZON_DAYS; i++) {
    const day = today.plus({ days: i });
    const date = day.toISODate() ?? "";
    const inTerm = profile.terms.length === 0 || profile.terms.some((t) => t.start <= date && date <= t.end);
    const workingDay = profile.contractedDays.includes(day.weekday as Profile["contractedDays"][number]);
    if (training.has(date) || (workingDay && inTerm && !closed.has(date))) {
      windows.push([atLocal(date, start, zone), atLocal(date, end, zone)]);
    }
  }
  // Directed time on the calendar (a parents' evening, a Saturday open day) is time to send in as well.
  for (const item of items) {
    if (item.directed && !item.allDay && item.end > horizonStart && item.start < horizonEnd) {
      windows.push([item.start, item.end]);
    }
  }

  const { windowName, advice, rule } = citation(profile);
  return {
    version: 1,
    computedAt: now,
    validUntil: horizonEnd,
    windows: merge(windows),
    exceptions: profile.emailExceptions.map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0),
    windowName,
    advice,
    rule,
    enabled: settings.enabled !== false,
  };
}

/** Where the advice comes from, per jurisdiction, with its force (RULES.md). */
function citation(profile: Profile): Pick<SendPolicy, "windowName" | "advice" | "rule"> {
  const union = profile.jurisdiction === "england" || profile.jurisdiction === "wales";
  if (union && profile.unionOverlay) {
    return { windowName: "directed time", advice: UNION_EMAIL_ADVICE, rule: "eng.email.directed" };
  }
  if (profile.jurisdiction === "northern-ireland") {
    return {
      windowName: "working hours",
      advice:
        "schools in Northern Ireland tell parents that staff need not reply outside working hours (official guidance)",
      rule: "ni.comms",
    };
  }
  return {
    windowName: "working hours",
    advice: "you chose to send work email only in your working hours (your own setting)",
    rule: SEND_GUARD_KEY,
  };
}

function hm(value: unknown, fallback: string): string {
  return typeof value === "string" && HM.test(value) ? value : fallback;
}

function atLocal(date: string, time: string, zone: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
}

function localDatesCovered(start: number, end: number, zone: string): string[] {
  const dates: string[] = [];
  let day = DateTime.fromMillis(start, { zone }).startOf("day");
  while (day.toMillis() < end) {
    dates.push(day.toISODate() ?? "");
    day = day.plus({ days: 1 });
  }
  return dates;
}

function merge(windows: Array<[number, number]>): Array<[number, number]> {
  const sorted = windows.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
