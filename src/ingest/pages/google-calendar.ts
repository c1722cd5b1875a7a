/**
 * Google Calendar day and week views (calendar.google.com). Chips are found by structure, never by their
 * words: an element with `data-eventid` and `role="button"` (or `data-eventchip`) inside a day column that
 * carries `data-datekey`. Times and title come from the chip's accessible label in any language
 * (clock-label.ts). All-day chips carry no times and are left out with a warning.
 */
import { labelTimes, labelTitle } from "./clock-label";
import { looksLikeLogin, text } from "./dom";
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult } from "./types";
import { addDays, zonedInstant } from "./zoned";

/** Google packs a column's date as ((year − 1970) << 9) | (month << 5) | day. */
export function dateFromKey(key: string | null): string | undefined {
  const n = Number(key);
  if (!key || !Number.isInteger(n) || n <= 0) return undefined;
  const year = (n >> 9) + 1970;
  const month = (n >> 5) & 15;
  const day = n & 31;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function dateKeyOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return ((y - 1970) << 9) | (m << 5) | d;
}

export function readGoogleCalendar(input: PageInput): ReaderResult {
  const doc = input.document;
  if (!doc) throw new PageUnreadable("There is no page to read.");
  const chips = [
    ...doc.querySelectorAll('[data-eventid][role="button"], [data-eventchip][data-eventid]'),
  ].filter((c) => !(c.getAttribute("data-eventid") ?? "").startsWith("tasks_"));
  const columns = doc.querySelectorAll("[data-datekey]");
  if (columns.length === 0) {
    if (looksLikeLogin(doc))
      throw new PageUnreadable("Google asks you to sign in: sign in and read the page again.");
    throw new PageUnreadable(
      "This is not Google Calendar's day or week view: switch to Day or Week and read again.",
    );
  }
  const warnings: string[] = [];
  let allDay = 0;
  // A chip that crosses midnight shows in two columns with one event id: keep its earliest column.
  const byEvent = new Map<string, { date: string; label: string }>();
  for (const chip of chips) {
    const date = dateFromKey(chip.closest("[data-datekey]")?.getAttribute("data-datekey") ?? null);
    if (!date) continue;
    const id = chip.getAttribute("data-eventid") ?? "";
    const label = chip.getAttribute("aria-label") || text(chip);
    const seen = byEvent.get(id);
    if (!seen || date < seen.date) byEvent.set(id, { date, label });
  }
  const items: PageItem[] = [];
  for (const { date, label } of byEvent.values()) {
    const times = labelTimes(label);
    if (!times) {
      allDay++;
      continue;
    }
    const title = labelTitle(label) ?? "Calendar event";
    const endDate = times.end <= times.start ? addDays(date, 1) : date;
    items.push({
      title,
      start: zonedInstant(input.timeZone, date, times.start),
      end: zonedInstant(input.timeZone, endDate, times.end),
    });
  }
  if (allDay > 0) warnings.push(`${allDay} all-day ${allDay === 1 ? "entry was" : "entries were"} left out.`);
  return { items, warnings };
}
