/**
 * Reads a page collected from a tab (its HTML and any data the app holds) with the site's reader from the
 * registry. Shared by the popup's "Read my timetable from this page" and a site's automatic reading, so both
 * read the same way. Needs a DOM (DOMParser): an extension page or a content script.
 */
import type { CollectedPage } from "./collect";
import { readPage } from "./registry";
import type { PageReading, TableMapping } from "./types";

/** Today's local date (YYYY-MM-DD) in a zone. */
export const todayIn = (zone: string, now = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);

export function readCollected(
  page: CollectedPage,
  timeZone: string,
  tableMapping?: TableMapping,
): PageReading {
  const parser = new DOMParser();
  const parseHtml = (html: string) => parser.parseFromString(html, "text/html");
  return readPage({
    url: page.url,
    document: parseHtml(page.html),
    json: page.json,
    timeZone,
    today: todayIn(timeZone),
    parseHtml,
    tableMapping,
  });
}
