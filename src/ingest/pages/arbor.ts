/**
 * Arbor (`<school>.uk.arbor.sc`, also `.arbor.education`). Reads the calendar grid `table.mis-cal`, from the page
 * itself or from the `pages[].html` of its `calendar-entry/list-static` JSON, and the day widget's JSON
 * (`items[].fields.{start_datetime,end_datetime,title,location}.value`). Shapes per MIS-PAGES.md §1.
 */
import { isHtmlText, looksLikeLogin, text } from "./dom";
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult } from "./types";
import { ISO_DATE, clockMinutes, zonedInstant } from "./zoned";

const SESSION_ENDED =
  "Arbor sent back its sign-in page instead of your calendar (your session has ended): sign in to Arbor and read the page again.";

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function readArbor(input: PageInput): ReaderResult {
  const warnings: string[] = [];
  if (input.json !== undefined) return { items: fromJson(input, warnings), warnings };
  const doc = input.document;
  if (!doc) throw new PageUnreadable("There is no page to read.");
  const grids = [...doc.querySelectorAll("table.mis-cal")];
  if (grids.length === 0) {
    // An expired session shows the sign-in form, or the app's empty shell with no words on it.
    if (looksLikeLogin(doc) || text(doc.body) === "") throw new PageUnreadable(SESSION_ENDED);
    throw new PageUnreadable(
      "This Arbor page shows no calendar grid: open My Calendar (week view) in Arbor and read again.",
    );
  }
  const items = dedupe(grids.flatMap((g) => readGrid(g, input, warnings)));
  return { items, warnings };
}

function fromJson(input: PageInput, warnings: string[]): PageItem[] {
  const json = input.json;
  if (isHtmlText(json)) throw new PageUnreadable(SESSION_ENDED);
  const root = record(json);
  if (root && root.success === false)
    throw new PageUnreadable(`Arbor refused the request: ${String(root.message ?? "no reason given")}.`);
  const rows = Array.isArray(root?.items) ? (root.items as unknown[]) : [];
  // list-static: items[0].fields.response.value.pages[].html holds one week's grid each.
  const pages = record(record(record(record(rows[0])?.fields)?.response)?.value)?.pages;
  if (Array.isArray(pages)) {
    if (!input.parseHtml)
      throw new PageUnreadable("Arbor's calendar JSON holds HTML, and no HTML reader was given.");
    const items: PageItem[] = [];
    for (const page of pages) {
      const html = record(page)?.html;
      if (typeof html !== "string") continue;
      const grid = input.parseHtml(html).querySelector("table.mis-cal");
      if (grid) items.push(...readGrid(grid, input, warnings));
    }
    if (items.length === 0 && pages.length > 0)
      throw new PageUnreadable("Arbor's calendar answer holds no calendar grid (its layout has changed).");
    return dedupe(items);
  }
  // The day widget: structured fields, no HTML.
  const items: PageItem[] = [];
  for (const row of rows) {
    const fields = record(record(row)?.fields);
    const value = (k: string) => {
      const v = record(fields?.[k])?.value;
      return typeof v === "string" ? v : undefined;
    };
    const start = stamp(value("start_datetime"));
    const end = stamp(value("end_datetime"));
    const title = value("title");
    if (!start || !end || !title) continue;
    items.push({
      title,
      start: zonedInstant(input.timeZone, start[0], start[1]),
      end: zonedInstant(input.timeZone, end[0], end[1]),
      location: value("location") || undefined,
      group: groupOf(title),
    });
  }
  if (items.length === 0 && rows.length > 0)
    throw new PageUnreadable(
      "Arbor's calendar answer has entries this reader does not recognise (its format has changed).",
    );
  if (rows.length === 0 && !root) throw new PageUnreadable("This is not an Arbor calendar answer.");
  return items;
}

function stamp(s: string | undefined): [string, number] | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(s ?? "");
  return m ? [m[1]!, clockMinutes(m[2])!] : undefined;
}

/** "Science: Yr 9: 9A/Sc2" → "9A/Sc2"; a tutor group "9: 9HAN" → "9HAN". */
function groupOf(title: string): string | undefined {
  const parts = title.split(":").map((p) => p.trim());
  return parts.length > 1 ? parts[parts.length - 1] || undefined : undefined;
}

function readGrid(grid: Element, input: PageInput, warnings: string[]): PageItem[] {
  const dates = [...grid.querySelectorAll("thead .mis-calendar-date[data-date]")].map(
    (cell) => cell.getAttribute("data-date") ?? "",
  );
  if (dates.length === 0 || !dates.every((d) => ISO_DATE.test(d)))
    throw new PageUnreadable("Arbor's calendar grid has no dates in its header (its layout has changed).");
  const firstRow = grid.querySelector("tbody tr");
  const cells = firstRow ? [...firstRow.children].filter((c) => c.tagName === "TD") : [];
  // The first cell is the time axis when there is one more cell than dates.
  const dayCells = cells.length === dates.length + 1 ? cells.slice(1) : cells;
  if (dayCells.length !== dates.length)
    throw new PageUnreadable("Arbor's calendar grid has a different number of day columns than dates.");
  const items: PageItem[] = [];
  dayCells.forEach((cell, i) => {
    const date = dates[i]!;
    for (const event of cell.querySelectorAll(".mis-cal-event")) {
      const timeText = text(event.querySelector(".mis-cal-event-time"));
      // "08:40-09:00", or "08:40 - 09:00 | Location: X" at schools that show rooms there.
      const [range = "", ...rest] = timeText.split("|");
      const m = /(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})/.exec(range);
      const title = text(event.querySelector(".title")) || text(event.querySelector("b"));
      if (!m || !title) {
        warnings.push(`Left out an entry on ${date} whose time or title could not be read ("${timeText}").`);
        continue;
      }
      const locationPart = rest.join("|").trim();
      const location = locationPart.includes(":")
        ? locationPart.slice(locationPart.indexOf(":") + 1).trim()
        : locationPart;
      items.push({
        title,
        start: zonedInstant(input.timeZone, date, clockMinutes(m[1])!),
        end: zonedInstant(input.timeZone, date, clockMinutes(m[2])!),
        location: location || undefined,
        group: groupOf(title),
        // A tutor group's registration reads "Year: Group" ("9: 9HAN"), with no subject.
        hint: /^\s*\d{1,2}\s*:\s*[^:]+$/.test(title) ? "registration" : undefined,
        id: event.getAttribute("data-eventid") ?? undefined,
      } as PageItem & { id?: string });
    }
  });
  return items;
}

/** list-static pages overlap: keep one of each event (by Arbor's id, else by time and title). */
function dedupe(items: PageItem[]): PageItem[] {
  const seen = new Set<string>();
  const out: PageItem[] = [];
  for (const item of items as (PageItem & { id?: string })[]) {
    const key = item.id ? `${item.id}@${item.start}` : `${item.start}|${item.end}|${item.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { id: _id, ...rest } = item;
    out.push(rest);
  }
  return out;
}
