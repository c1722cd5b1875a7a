/**
 * A page reading the teacher confirmed becomes a source named after the site and week ("Edulink timetable,
 * week of 13 June"). One source per site: reading the same page again replaces the weeks it covers (no
 * duplicates), reading another week adds to it. Lessons an ICS feed already has in the same slot are left out,
 * so nothing is counted twice.
 */
import type { Request } from "../messages";
import { repeatAcrossTerms } from "../ingest/pages/repeat";
import {
  localDateOf,
  pageItemsToWorkItems,
  pageSourceName,
  readingWindow,
  weeksCovered,
  withoutDuplicates,
} from "../ingest/pages/to-work-items";
import { zonedInstant } from "../ingest/pages/zoned";
import { trainingDaysFrom } from "../ingest/to-items";
import type { WithinHoursDB } from "../store/db";
import { itemsBetween } from "../store/queries";
import { commitSourceImport, listClassificationRules } from "../store/repo";
import { currentProfile } from "./recount";

export async function importPageReading(
  db: WithinHoursDB,
  request: Request<"source/import-page">,
  now: number,
) {
  const profile = await currentProfile(db, now);
  const zone = profile.timeZone;
  const sourceId = `page:${request.site}`;
  const weeks = weeksCovered(request.items, zone);
  const window = readingWindow(weeks);
  let items = request.items;
  let windowEnd = window?.end;
  if (request.repeat && profile.terms.length > 0) {
    items = repeatAcrossTerms(items, {
      zone,
      cycleWeeks: profile.cycleWeeks,
      terms: profile.terms,
      trainingDays: profile.trainingDays,
    });
    const lastTermDay = [...profile.terms]
      .map((t) => t.end)
      .sort()
      .pop()!;
    if (!windowEnd || lastTermDay >= windowEnd) windowEnd = nextDay(lastTermDay);
  }
  const rules = await listClassificationRules(db);
  const fresh = pageItemsToWorkItems(items, sourceId, rules, now);
  const start = window ? zonedInstant(zone, window.start, 0) : Math.min(...fresh.map((i) => i.start));
  const end = windowEnd ? zonedInstant(zone, windowEnd, 0) : Math.max(...fresh.map((i) => i.end));
  const around = await itemsBetween(db, start, end);
  const { kept, duplicates } = withoutDuplicates(
    fresh,
    around.filter((i) => i.source !== sourceId),
  );
  // This source's items outside the weeks read stay as they were.
  const existing = await db.items.where("source").equals(sourceId).toArray();
  const outside = existing.filter((i) => i.allDay || i.end <= start || i.start >= end);
  const allDayFresh = new Set(kept.filter((i) => i.allDay).map((i) => i.id));
  const merged = [...outside.filter((i) => !allDayFresh.has(i.id)), ...kept];
  const name = pageSourceName(request.siteName, weeksCovered(merged, zone));
  // Items, source and training days are written together or not at all.
  const { counts, stored } = await commitSourceImport(db, {
    source: { id: sourceId, type: "page", name, lastGoodAt: now, itemCount: merged.length },
    items: merged,
    trainingDays: (items) => trainingDaysFrom(items, (t) => localDateOf(t, zone)),
    profile,
  });
  return { sourceId, name, ...counts, total: kept.length, duplicates, stored };
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
