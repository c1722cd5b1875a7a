/**
 * Items read from a page become work items: classified by the project's classifier (the title first, so
 * "Cover 8B2" stays cover), with the page's own structure as the fallback where it says what a slot is.
 */
import { classifyByContext, classifyByTitle, type Classification } from "../classify";
import { CONFIRM_THRESHOLD, type ClassificationRule, type WorkItem } from "../../model";
import type { PageItem } from "./types";
import { addDays, mondayOf, zoneOffset } from "./zoned";

const FROM_STRUCTURE: Record<NonNullable<PageItem["hint"]>, Classification> = {
  lesson: {
    kind: "lesson",
    directed: true,
    confidence: 0.9,
    reason: "The timetable lists it as a lesson with a class.",
  },
  registration: {
    kind: "registration",
    directed: true,
    confidence: 0.9,
    reason: "The timetable lists it in a registration period.",
  },
  cover: { kind: "cover", directed: true, confidence: 0.9, reason: "The timetable marks it as cover." },
  free: {
    kind: "non-contact",
    directed: true,
    confidence: 0.85,
    reason: "A timetabled period with no class: a free period during the school day.",
  },
};

export function classifyPageItem(item: PageItem, rules: readonly ClassificationRule[] = []): Classification {
  const byTitle = classifyByTitle(item.title, item.allDay, rules);
  if (byTitle && (byTitle.confidence >= CONFIRM_THRESHOLD || !item.hint)) return byTitle;
  if (item.hint) return FROM_STRUCTURE[item.hint];
  return byTitle ?? classifyByContext({ title: item.title, location: item.location, allDay: item.allDay });
}

/** Ids stable across re-reads of the same page: source, start, end and title. */
export function pageItemsToWorkItems(
  items: readonly PageItem[],
  sourceId: string,
  rules: readonly ClassificationRule[] = [],
  now: number = Date.now(),
): WorkItem[] {
  return items.map((item) => {
    const c = classifyPageItem(item, rules);
    const sourceUid = `${item.start}-${item.end}-${item.title.slice(0, 200)}`;
    const work: WorkItem = {
      id: `${sourceId}:${sourceUid}`,
      start: item.start,
      end: item.end,
      title: item.title.slice(0, 2000),
      kind: c.kind,
      directed: c.directed,
      source: sourceId,
      sourceUid,
      confirmed: c.confidence >= 1,
      confidence: c.confidence,
      firstSeen: now,
    };
    if (item.allDay) work.allDay = true;
    const where = [item.group, item.location].filter(Boolean).join(", ");
    if (where) work.location = where.slice(0, 2000);
    return work;
  });
}

/** The local date of an instant in a zone. */
export function localDateOf(instant: number, zone: string): string {
  return new Date(instant + zoneOffset(zone, instant)).toISOString().slice(0, 10);
}

/** The weeks (their Mondays) a reading covers, from its timed items. */
export function weeksCovered(items: readonly Pick<PageItem, "start" | "allDay">[], zone: string): string[] {
  const weeks = new Set<string>();
  for (const item of items) if (!item.allDay) weeks.add(mondayOf(localDateOf(item.start, zone)));
  return [...weeks].sort();
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

/** "13 June" for a local date. */
export function dayMonthLabel(date: string): string {
  return dayMonth.format(new Date(`${date}T12:00:00Z`));
}

/** What the source is called: "Edulink timetable, week of 13 June" (or "weeks of 13 June to 20 June"). */
export function pageSourceName(siteName: string, weeks: readonly string[]): string {
  const kind = siteName === "Timetable" ? "Timetable" : `${siteName} timetable`;
  if (weeks.length === 0) return kind;
  if (weeks.length === 1) return `${kind}, week of ${dayMonthLabel(weeks[0]!)}`;
  return `${kind}, weeks of ${dayMonthLabel(weeks[0]!)} to ${dayMonthLabel(weeks[weeks.length - 1]!)}`;
}

/** The local-time span [Monday 00:00 of the first week, Monday 00:00 after the last) a reading replaces. */
export function readingWindow(weeks: readonly string[]): { start: string; end: string } | undefined {
  if (weeks.length === 0) return undefined;
  return { start: weeks[0]!, end: addDays(weeks[weeks.length - 1]!, 7) };
}

/**
 * Page items that another source (an ICS feed of the same timetable) already has in the same slot: those are
 * left out, so a lesson is never counted twice.
 */
export function withoutDuplicates(
  items: readonly WorkItem[],
  others: readonly Pick<WorkItem, "start" | "end" | "allDay" | "source">[],
): { kept: WorkItem[]; duplicates: number } {
  const slots = new Set(others.filter((o) => !o.allDay).map((o) => `${o.start}|${o.end}`));
  const kept = items.filter((i) => i.allDay || !slots.has(`${i.start}|${i.end}`));
  return { kept, duplicates: items.length - kept.length };
}
