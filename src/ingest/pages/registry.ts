/**
 * The one registry of page readers: site → address patterns → reader. `readPage` picks the reader for an
 * address, runs it, and refuses a result that cannot be right (nothing found, no lessons on any school day,
 * an entry ending before it starts, a 20-hour day) with the reason: never wrong hours.
 */
import { readArbor } from "./arbor";
import { readClassCharts } from "./classcharts";
import { readEdulink } from "./edulink";
import { readGoogleCalendar } from "./google-calendar";
import { readHtmlTable } from "./html-table";
import { readOutlook } from "./outlook";
import {
  PageUnreadable,
  type PageInput,
  type PageItem,
  type PageReading,
  type ReaderResult,
  type SiteId,
} from "./types";
import { zoneOffset } from "./zoned";

export interface Site {
  id: SiteId;
  /** What the teacher calls it. */
  name: string;
  /** Addresses this reader is for (https only). */
  patterns: RegExp[];
  /** A school system's timetable (lessons expected on school days), rather than a general calendar. */
  timetable: boolean;
  read: (input: PageInput) => ReaderResult;
}

export const SITES: readonly Site[] = [
  {
    id: "edulink",
    name: "Edulink",
    patterns: [/^https:\/\/([a-z0-9-]+\.)*edulinkone\.com\//i],
    timetable: true,
    read: readEdulink,
  },
  {
    id: "arbor",
    name: "Arbor",
    patterns: [/^https:\/\/[a-z0-9-]+(\.[a-z]{2})?\.arbor\.(sc|education)\//i],
    timetable: true,
    read: readArbor,
  },
  {
    id: "google-calendar",
    name: "Google Calendar",
    patterns: [/^https:\/\/calendar\.google\.com\//i],
    timetable: false,
    read: readGoogleCalendar,
  },
  {
    id: "outlook",
    name: "Outlook",
    patterns: [/^https:\/\/outlook\.(office|office365|live)\.com\/(calendar|owa)/i],
    timetable: false,
    read: readOutlook,
  },
  {
    id: "classcharts",
    name: "Class Charts",
    patterns: [/^https:\/\/(www\.)?classcharts\.com\//i],
    timetable: true,
    read: readClassCharts,
  },
  // Last: any other page with a timetable table (SIMS, Bromcom, iSAMS…).
  {
    id: "html-table",
    name: "Timetable",
    patterns: [/^(https?|file):\/\//i],
    timetable: true,
    read: readHtmlTable,
  },
];

export function siteFor(url: string): Site | undefined {
  return SITES.find((s) => s.patterns.some((p) => p.test(url)));
}

export function siteById(id: string): Site | undefined {
  return SITES.find((s) => s.id === id);
}

const HOUR = 3_600_000;
/** No single entry from a school page or calendar runs longer than this. */
const MAX_ENTRY_HOURS = 16;
/** From a school day's first lesson to its last. */
const MAX_SCHOOL_DAY_HOURS = 14;

export function readPage(input: PageInput): PageReading {
  const site = siteFor(input.url);
  if (!site)
    return { ok: false, reason: "This address is not a web page Within Hours can read (https only)." };
  const named = { site: site.id, siteName: site.name };
  let result: ReaderResult;
  try {
    result = site.read(input);
  } catch (error) {
    if (error instanceof PageUnreadable)
      return { ok: false, ...named, reason: error.message, proposal: error.proposal };
    // A reader that trips over a changed page says so rather than guessing.
    return {
      ok: false,
      ...named,
      reason: `The page is not laid out as Within Hours expects (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
  const problem = implausible(result.items, site, input.timeZone);
  if (problem) return { ok: false, ...named, reason: problem };
  // The same entry twice (two classes taught together in one slot) is one item of work.
  const seen = new Set<string>();
  const items = [...result.items]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((i) => {
      const key = `${i.start}|${i.end}|${i.title}|${i.location ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ok: true, ...named, items, warnings: result.warnings };
}

function localDay(instant: number, zone: string): string {
  return new Date(instant + zoneOffset(zone, instant)).toISOString().slice(0, 10);
}

function hours(ms: number): string {
  return String(Math.round((ms / HOUR) * 10) / 10);
}

/** Why a reading cannot be right, or undefined. */
export function implausible(items: readonly PageItem[], site: Site, zone: string): string | undefined {
  if (items.length === 0) return "No lessons or events were found on this page.";
  for (const item of items) {
    if (!Number.isFinite(item.start) || !Number.isFinite(item.end))
      return `"${item.title}" has no readable time.`;
    if (item.end <= item.start) return `"${item.title}" ends before it starts.`;
    if (!item.allDay && item.end - item.start > MAX_ENTRY_HOURS * HOUR)
      return `"${item.title}" would last ${hours(item.end - item.start)} hours.`;
  }
  if (!site.timetable) return undefined;
  const timed = items.filter((i) => !i.allDay);
  if (timed.length > 0 && timed.every((i) => i.hint === "free"))
    return "The timetable shows no lessons on any school day (only free periods).";
  const days = new Map<string, { first: number; last: number }>();
  for (const item of timed) {
    const day = localDay(item.start, zone);
    const span = days.get(day);
    days.set(day, {
      first: Math.min(span?.first ?? item.start, item.start),
      last: Math.max(span?.last ?? item.end, item.end),
    });
  }
  for (const [day, span] of days)
    if (span.last - span.first > MAX_SCHOOL_DAY_HOURS * HOUR)
      return `The timetable would make ${day} a ${hours(span.last - span.first)}-hour school day.`;
  return undefined;
}
