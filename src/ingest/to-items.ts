import { classifyByContext, classifyByTitle, type Classification } from "./classify";
import type { ParsedEvent } from "./ics";
import type { ClassificationRule, WorkItem } from "../model";

/**
 * Parsed calendar events to work items. Ids are stable across re-imports of the same feed
 * (`${sourceId}:${uid}:${recurrence instant}`), so a teacher's confirmations survive a refresh.
 */
export function eventsToItems(
  events: readonly ParsedEvent[],
  sourceId: string,
  rules: readonly ClassificationRule[] = [],
  now: number = Date.now(),
): WorkItem[] {
  const items: WorkItem[] = [];
  const seen = new Set<string>();
  // One classification per distinct title: a year of weekly lessons repeats a few dozen titles. Only titles
  // that say nothing clear are classified again for each distinct title, location, notes and calendar name.
  const byTitle = [new Map<string, Classification | null>(), new Map<string, Classification | null>()];
  const byContext = new Map<string, Classification>();
  for (const ev of events) {
    const instant = ev.recurrenceId ?? String(ev.start);
    const id = `${sourceId}:${ev.uid}:${instant}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const titles = byTitle[ev.allDay ? 1 : 0]!;
    let c = titles.get(ev.title);
    if (c === undefined) {
      c = classifyByTitle(ev.title, ev.allDay, rules) ?? null;
      titles.set(ev.title, c);
    }
    if (c === null) {
      const key = `${ev.allDay ? 1 : 0}\u0000${ev.title}\u0000${ev.location ?? ""}\u0000${ev.calendarName ?? ""}\u0000${ev.description ?? ""}`;
      c = byContext.get(key);
      if (!c) {
        c = classifyByContext(ev);
        byContext.set(key, c);
      }
    }
    const item: WorkItem = {
      id,
      start: ev.start,
      // A calendar that ends an event before it starts gets a zero-length item, not a refused import.
      end: Math.max(ev.end, ev.start),
      title: ev.title.slice(0, 2000),
      kind: c.kind,
      directed: c.directed,
      source: sourceId,
      sourceUid: ev.uid,
      // A teacher's own rule is their confirmation.
      confirmed: c.confidence >= 1,
      confidence: c.confidence,
      firstSeen: now,
    };
    if (ev.allDay) item.allDay = true;
    if (ev.location) item.location = ev.location.slice(0, 2000);
    items.push(item);
  }
  return items;
}

export { needsConfirmation } from "../model/item";

/**
 * Dates the calendar marks as training (INSET) days, from all-day items, for the profile's term calendar.
 * `localDate` gives an instant's local date in the profile's zone.
 */
export function trainingDaysFrom(
  items: readonly WorkItem[],
  localDate: (instant: number) => string,
): string[] {
  const days = new Set<string>();
  for (const item of items) {
    if (!item.allDay || item.kind !== "inset") continue;
    // All-day items end at the next local midnight: step through each day they cover.
    for (let t = item.start; t < item.end; t += 86_400_000) days.add(localDate(t + 3_600_000 * 12));
  }
  return [...days].sort();
}
