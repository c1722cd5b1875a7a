/** Which week the popup shows. No Dexie here: the first paint uses it before Dexie has loaded. */
import { weekIndexAt, type PopupIndex } from "../store/derived";

/** `?week=YYYY-MM-DD` opens another week (tests, and links from the options page). */
export function requestedWeek(): string | undefined {
  const week = new URLSearchParams(location.search).get("week");
  return week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : undefined;
}

/** The requested week, else the one containing now, else the nearest end of the academic year. */
export function initialWeekIndex(weeks: PopupIndex["weeks"], now: number): number {
  const requested = requestedWeek();
  const found = requested ? weeks.findIndex((w) => w.start === requested) : -1;
  return found >= 0 ? found : weekIndexAt(weeks, now);
}

/** The week `offset` weeks from the initial one, kept inside the academic year. */
export function weekAt(
  popup: PopupIndex,
  offset: number,
): { index: number; week?: PopupIndex["weeks"][number] } {
  const index = Math.min(
    popup.weeks.length - 1,
    Math.max(0, initialWeekIndex(popup.weeks, Date.now()) + offset),
  );
  return { index, week: popup.weeks[index] };
}
