import type { WorkItem } from "../model";
import type { YearCalendar } from "../time";
import { place } from "./aggregate";
import type { Placed } from "./types";
import { MINUTE } from "./util";

/**
 * Each directed item's share of the ledger's directed minutes, by item id. The ledger counts a day's
 * directed time as the union of its directed items (overlaps once, `aggregateWeek`); here that union is
 * handed out item by item, in the ledger's order (start, then end), so the earlier item keeps an overlap.
 * Rounding is cumulative per day, so a day's shares add up to exactly its `directedMinutes`, and a range's
 * shares to the weeks' and the year's figures. Items the ledger does not place (all-day, outside the
 * academic year) get no share.
 */
export function directedShares(cal: YearCalendar, items: readonly WorkItem[]): Map<string, number> {
  const placed: Placed[] = [];
  for (const item of items) {
    if (!item.directed) continue;
    const x = place(cal, item);
    if (x) placed.push(x);
  }
  placed.sort((a, b) => a.item.start - b.item.start || a.item.end - b.item.end);
  const shares = new Map<string, number>();
  let day = -1;
  let reach = -Infinity;
  let dayMs = 0;
  let dayRounded = 0;
  for (const x of placed) {
    if (x.day !== day) {
      day = x.day;
      reach = -Infinity;
      dayMs = 0;
      dayRounded = 0;
    }
    const { start, end } = x.item;
    dayMs += Math.max(0, end - Math.max(start, reach));
    reach = Math.max(reach, end);
    const rounded = Math.round(dayMs / MINUTE);
    shares.set(x.item.id, (shares.get(x.item.id) ?? 0) + rounded - dayRounded);
    dayRounded = rounded;
  }
  return shares;
}
