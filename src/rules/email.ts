import { DateTime } from "luxon";
import type { Profile, Weekday, WorkItem } from "../model";
import { packFor, paramsFor } from "./catalogue";
import { engEmailDirected } from "./overlays/union";

/**
 * The send guard's own settings in `profile.overrides[SEND_GUARD_KEY]`: `enabled`, and `start`/`end` ("HH:MM")
 * when the teacher sets the email window apart from the school day. Settings, not a rule: the guard's
 * findings cite the pack's email rule.
 */
export const SEND_GUARD_KEY = "send.guard";

export const OWN_WINDOW_ADVICE = "you chose to send work email only in your working hours (your own setting)";

/** What the dialog calls a window: the school day (or the teacher's own hours), or directed time on the calendar. */
export const EMAIL_HOURS = "email hours";
export const DIRECTED_TIME = "directed time";

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface EmailWindows {
  /** Allowed windows as [start, end) epoch ms, sorted and not overlapping. */
  windows: Array<[number, number]>;
  /**
   * What each window is called, by what ends it: "email hours" (the school day, or the teacher's own hours)
   * or "directed time" (directed items on the calendar). The dialog names the window it enforces.
   */
  names: string[];
  /** The rule the windows come from (RULES.md id), what they are called, and the advice in plain words. */
  rule: string;
  windowName: string;
  advice: string;
  enabled: boolean;
  /** Local midnight after the last day asked for. */
  until: number;
}

/**
 * The one definition of when work email may be sent, owned by the pack's email rule: on each working day in
 * term (and each training day) the school day, or the teacher's own hours when set apart; with
 * eng.email.directed's `window` = "directed", a day with directed items opens for their span instead. Directed
 * items outside those days (a Saturday open day) open too. Holidays on the calendar close the day.
 */
export function emailWindows(
  profile: Profile,
  items: readonly WorkItem[],
  from: number,
  days: number,
): EmailWindows {
  const zone = profile.timeZone;
  const settings = profile.overrides[SEND_GUARD_KEY] ?? {};
  const start = hm(settings.start, profile.schoolDayStart);
  const end = hm(settings.end, profile.schoolDayEnd);
  const pack = packFor(profile);
  const email = pack.email;
  const byDirected =
    email.rule === engEmailDirected &&
    email.applies(profile) &&
    paramsFor(profile)(engEmailDirected).window === "directed";

  const first = DateTime.fromMillis(from, { zone }).startOf("day");
  const horizonStart = first.toMillis();
  const horizonEnd = first.plus({ days }).toMillis();

  const training = new Set(profile.trainingDays);
  const closed = new Set<string>();
  const directedSpan = new Map<string, [number, number]>();
  const windows: Window[] = [];
  for (const item of items) {
    if (item.end <= horizonStart || item.start >= horizonEnd) continue;
    if (item.allDay) {
      // All-day entries mark whole days: INSET counts as a training day, a holiday closes the day.
      const dates = localDatesCovered(item.start, item.end, zone);
      if (item.kind === "inset") dates.forEach((d) => training.add(d));
      else if (item.kind === "holiday") dates.forEach((d) => closed.add(d));
      continue;
    }
    if (!item.directed) continue;
    windows.push([item.start, item.end, DIRECTED_TIME]);
    const date = DateTime.fromMillis(item.start, { zone }).toISODate() ?? "";
    const span = directedSpan.get(date);
    directedSpan.set(
      date,
      span ? [Math.min(span[0], item.start), Math.max(span[1], item.end)] : [item.start, item.end],
    );
  }

  for (let i = 0; i < days; i++) {
    const day = first.plus({ days: i });
    const date = day.toISODate() ?? "";
    const inTerm = profile.terms.length === 0 || profile.terms.some((t) => t.start <= date && date <= t.end);
    const workingDay = profile.contractedDays.includes(day.weekday as Weekday);
    if (!training.has(date) && !(workingDay && inTerm && !closed.has(date))) continue;
    const span = byDirected ? directedSpan.get(date) : undefined;
    windows.push(
      span
        ? [span[0], span[1], DIRECTED_TIME]
        : [atLocal(date, start, zone), atLocal(date, end, zone), EMAIL_HOURS],
    );
  }

  const applies = email.applies(profile);
  const merged = merge(windows);
  return {
    windows: merged.map(([s, e]) => [s, e]),
    names: merged.map((w) => w[2]),
    rule: applies ? email.rule.id : email.ownWindowRule.id,
    // A day with no window: "today has no directed time" where email follows directed time, else no email hours.
    windowName: byDirected ? DIRECTED_TIME : EMAIL_HOURS,
    advice: applies ? email.advice : OWN_WINDOW_ADVICE,
    enabled: settings.enabled !== false,
    until: horizonEnd,
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

/** A window and what it is called. */
type Window = [number, number, string];

/** Overlapping windows become one, called by the piece that ends it last (that is the end the dialog names). */
function merge(windows: Window[]): Window[] {
  const sorted = windows.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Window[] = [];
  for (const [s, e, name] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) {
        last[1] = e;
        last[2] = name;
      }
    } else out.push([s, e, name]);
  }
  return out;
}
