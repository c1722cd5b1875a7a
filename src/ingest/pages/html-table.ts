/**
 * Any timetable shown as an HTML table of periods by days (SIMS, Bromcom, iSAMS and the rest). Finds the table
 * whose header row names weekdays (in English or the page's language, from Intl) and whose first column gives
 * each period's times. When it is not sure (no weekday names, periods with no times) it reads nothing and
 * proposes a mapping for the teacher to confirm; with the confirmed mapping it reads the table exactly.
 */
import { text } from "./dom";
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult, type TableMapping } from "./types";
import { ISO_DATE, addDays, clockMinutes, mondayOf, zonedInstant } from "./zoned";

type Grid = Element[][];

/** Rows of cells with column spans expanded, so cell [r][c] is column c of row r. */
function gridOf(table: Element): Grid {
  const rows: Grid = [];
  for (const tr of table.querySelectorAll("tr")) {
    if (tr.closest("table") !== table) continue;
    const row: Element[] = [];
    for (const cell of tr.children) {
      if (cell.tagName !== "TD" && cell.tagName !== "TH") continue;
      const span = Math.min(Number(cell.getAttribute("colspan")) || 1, 14);
      for (let i = 0; i < span; i++) row.push(cell);
    }
    rows.push(row);
  }
  return rows;
}

/** Weekday names (long and short, lower case) in English and the page's language, Monday first. */
function weekdayNames(lang: string): string[][] {
  const names: string[][] = [];
  for (let d = 0; d < 7; d++) {
    const at = Date.UTC(2024, 0, 1 + d); // 1 January 2024 was a Monday.
    const forms = new Set<string>();
    for (const locale of new Set([lang, "en"])) {
      for (const weekday of ["long", "short"] as const) {
        try {
          forms.add(
            new Intl.DateTimeFormat(locale, { weekday, timeZone: "UTC" })
              .format(at)
              .toLowerCase()
              .replace(/\.$/, ""),
          );
        } catch {
          // Unknown language tag: English still applies.
        }
      }
    }
    names.push([...forms]);
  }
  return names;
}

function weekdayOf(cellText: string, names: string[][]): number | undefined {
  const t = cellText.toLowerCase();
  for (let d = 0; d < 7; d++) {
    if (
      names[d]!.some((n) =>
        new RegExp(`(^|[^\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "u").test(t),
      )
    )
      return d;
  }
  return undefined;
}

/** A date in a header cell: 13/06/2016, 13/06, 2016-06-13. */
function dateIn(cellText: string, monday: string): string | undefined {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(cellText);
  if (iso) return iso[0];
  const dm = /(?<!\d)(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?(?!\d)/.exec(cellText);
  if (!dm) return undefined;
  const year = dm[3] ? (dm[3].length === 2 ? `20${dm[3]}` : dm[3]) : monday.slice(0, 4);
  return `${year}-${dm[2]!.padStart(2, "0")}-${dm[1]!.padStart(2, "0")}`;
}

/** "09:00 - 10:00", "9.00–10.00" in a period cell. */
function periodTimes(cellText: string): { start: string; end: string } | null {
  const m = /(\d{1,2}[:.]\d{2})\s*(?:[-–—]|to)\s*(\d{1,2}[:.]\d{2})/.exec(cellText);
  if (!m) return null;
  const fmt = (t: string) => {
    const v = clockMinutes(t.replace(".", ":"))!;
    return `${String(Math.floor(v / 60)).padStart(2, "0")}:${String(v % 60).padStart(2, "0")}`;
  };
  return { start: fmt(m[1]!), end: fmt(m[2]!) };
}

const BREAK_ROW = /^\s*(break|lunch|lunchtime|morning break|afternoon break|recess)(?![a-z])/i;

interface Candidate {
  table: Element;
  grid: Grid;
  dayColumns: Map<number, number>; // column → weekday 0–6
  header: number;
}

export function readHtmlTable(input: PageInput): ReaderResult {
  const doc = input.document;
  if (!doc) throw new PageUnreadable("There is no page to read.");
  const lang = doc.documentElement.getAttribute("lang") || "en";
  const names = weekdayNames(lang);
  const tables = [...doc.querySelectorAll("table")];
  if (tables.length === 0)
    throw new PageUnreadable("This page has no timetable table, and no reader knows this site.");
  // The table whose header row names the most weekdays.
  let best: Candidate | undefined;
  for (const table of tables) {
    const grid = gridOf(table);
    for (let r = 0; r < Math.min(grid.length, 3); r++) {
      const dayColumns = new Map<number, number>();
      grid[r]!.forEach((cell, c) => {
        const d = weekdayOf(text(cell), names);
        if (d !== undefined && ![...dayColumns.values()].includes(d)) dayColumns.set(c, d);
      });
      if (dayColumns.size >= 3 && (!best || dayColumns.size > best.dayColumns.size))
        best = { table, grid, dayColumns, header: r };
    }
  }
  const monday = mondayOf(input.today);
  if (input.tableMapping) {
    const table = best?.table ?? largestTable(tables);
    return readWithMapping(gridOf(table), best?.header ?? 0, input.tableMapping, input);
  }
  if (!best) {
    const table = largestTable(tables);
    const grid = gridOf(table);
    const width = Math.max(...grid.map((r) => r.length));
    throw new PageUnreadable(
      "This table's columns are not named after weekdays: please confirm which column is which day and when each period runs.",
      {
        days: Array.from({ length: width }, (_, c) => (c === 0 ? "" : c <= 7 ? addDays(monday, c - 1) : "")),
        periods: grid.slice(1).map((row) => periodTimes(text(row[0]))),
      },
    );
  }
  // Day columns to dates: a date in the header wins; otherwise this week.
  const warnings: string[] = [];
  const headerRow = best.grid[best.header]!;
  const days: string[] = headerRow.map(() => "");
  let undated = false;
  for (const [c, d] of best.dayColumns) {
    const dated = dateIn(text(headerRow[c]), monday);
    days[c] = dated && ISO_DATE.test(dated) ? dated : addDays(monday, d);
    if (!dated) undated = true;
  }
  if (undated) warnings.push(`The table shows no dates: it was read as the week of ${monday}.`);
  const periods = best.grid.slice(best.header + 1).map((row) => {
    const label = text(row[0]);
    return BREAK_ROW.test(label) ? null : periodTimes(label);
  });
  const bodyRows = best.grid.slice(best.header + 1);
  const untimed = bodyRows.filter(
    (row, i) => periods[i] === null && !BREAK_ROW.test(text(row[0])) && row.slice(1).some((c) => text(c)),
  );
  if (untimed.length > 0)
    throw new PageUnreadable(
      "Some periods in this table have no times: please confirm when each period runs.",
      { days, periods },
    );
  const result = readWithMapping(best.grid, best.header, { days, periods }, input);
  return { items: result.items, warnings: [...warnings, ...result.warnings] };
}

function largestTable(tables: Element[]): Element {
  return tables.reduce((a, b) => (b.querySelectorAll("td").length > a.querySelectorAll("td").length ? b : a));
}

function readWithMapping(grid: Grid, header: number, mapping: TableMapping, input: PageInput): ReaderResult {
  const items: PageItem[] = [];
  const warnings: string[] = [];
  const body = grid.slice(header + 1);
  body.forEach((row, r) => {
    const period = mapping.periods[r];
    if (!period) return;
    const start = clockMinutes(period.start);
    const end = clockMinutes(period.end);
    if (start === undefined || end === undefined) return;
    const periodLabel = text(row[0]);
    row.forEach((cell, c) => {
      const date = mapping.days[c];
      if (!date || !ISO_DATE.test(date)) return;
      // A cell spanning two columns is read once per day column; the same cell repeated is one lesson.
      if (c > 0 && row[c - 1] === cell && mapping.days[c - 1] === date) return;
      const lines = linesOf(cell);
      const base = {
        start: zonedInstant(input.timeZone, date, start),
        end: zonedInstant(input.timeZone, date, end),
      };
      if (lines.length === 0) {
        items.push({ ...base, title: "Free period", hint: "free" });
        return;
      }
      const [title, second, third] = lines as [string, string?, string?];
      const isRegistration = /\b(reg(istration)?|tutor|form)(?![a-z])/i.test(periodLabel);
      items.push({
        ...base,
        title,
        group: third !== undefined ? second : undefined,
        location: third ?? second,
        hint: isRegistration ? "registration" : "lesson",
      });
    });
  });
  return { items, warnings };
}

/** A cell's lines: block children or <br>-separated text, trimmed, empty ones dropped. */
function linesOf(cell: Element): string[] {
  // Walk the nodes rather than re-parsing the cell's HTML: page markup never goes back into innerHTML.
  let text = "";
  const walk = (node: Node): void => {
    if (node.nodeType === 3) text += node.nodeValue ?? "";
    else if (node.nodeName === "BR") text += "\n";
    node.childNodes.forEach(walk);
    if (/^(DIV|P|SPAN|LI)$/.test(node.nodeName)) text += "\n";
  };
  cell.childNodes.forEach(walk);
  return text
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}
