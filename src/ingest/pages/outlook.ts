/**
 * Outlook on the web (outlook.office.com/calendar, outlook.office365.com, outlook.live.com). Reads the
 * `GetCalendarView` answer (`Body.Items[]`, per MIS-PAGES.md §8) when given JSON, and otherwise the calendar
 * surface: event buttons (`[role="button"][aria-label]`) inside the calendar's main region whose labels hold
 * two clock times and a date. Month names are matched with the browser's own names for the page's language
 * (Intl), so no language is written into the reader.
 */
import { clockTimes, labelTimes, normaliseLabel } from "./clock-label";
import { looksLikeLogin } from "./dom";
import { PageUnreadable, type PageInput, type PageItem, type ReaderResult } from "./types";
import { addDays, zonedInstant } from "./zoned";

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function readOutlook(input: PageInput): ReaderResult {
  if (input.json !== undefined) return fromCalendarView(input.json);
  const doc = input.document;
  if (!doc) throw new PageUnreadable("There is no page to read.");
  if (looksLikeLogin(doc))
    throw new PageUnreadable("Outlook asks you to sign in: sign in and read the page again.");
  const main = doc.querySelector('[role="main"]') ?? doc.body;
  const buttons = main ? [...main.querySelectorAll('[role="button"][aria-label]')] : [];
  const lang = doc.documentElement.getAttribute("lang") || "en";
  const months = monthNames(lang);
  const items: PageItem[] = [];
  const warnings: string[] = [];
  let undated = 0;
  for (const b of buttons) {
    const label = b.getAttribute("aria-label") ?? "";
    const times = labelTimes(label);
    if (!times) continue;
    const date = dateInLabel(label, months);
    if (!date) {
      undated++;
      continue;
    }
    const title = label.split(/[,，、،;]/u)[0]?.trim() || "Calendar event";
    items.push({
      title,
      start: zonedInstant(input.timeZone, date, times.start),
      end: zonedInstant(input.timeZone, times.end <= times.start ? addDays(date, 1) : date, times.end),
    });
  }
  if (items.length === 0 && undated === 0)
    throw new PageUnreadable(
      "This Outlook page shows no calendar events: open Calendar in Day or Week view and read again.",
    );
  if (undated > 0) warnings.push(`${undated} events whose date could not be read were left out.`);
  return { items, warnings };
}

function fromCalendarView(json: unknown): ReaderResult {
  const body = record(record(json)?.Body) ?? record(record(record(json)?.body)?.Body);
  const rows = Array.isArray(body?.Items) ? (body.Items as unknown[]) : undefined;
  if (!rows) throw new PageUnreadable("This is not an Outlook calendar answer (no Body.Items).");
  const items: PageItem[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    const r = record(row);
    if (!r || r.IsCancelled === true) continue;
    const start = Date.parse(String(r.Start ?? ""));
    const end = Date.parse(String(r.End ?? ""));
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      warnings.push(`Left out "${String(r.Subject ?? "an event")}": its times could not be read.`);
      continue;
    }
    const location = record(r.Location)?.DisplayName;
    items.push({
      title: String(r.Subject ?? "").trim() || "Calendar event",
      start,
      end,
      location: typeof location === "string" && location.trim() ? location.trim() : undefined,
      allDay: r.IsAllDayEvent === true ? true : undefined,
    });
  }
  return { items, warnings };
}

/** Lower-case long and short month names for a language, January first. */
function monthNames(lang: string): string[][] {
  const names: string[][] = [];
  for (let m = 0; m < 12; m++) {
    const at = Date.UTC(2024, m, 15);
    const forms = new Set<string>();
    for (const month of ["long", "short"] as const) {
      for (const locale of [lang, "en"]) {
        try {
          forms.add(
            new Intl.DateTimeFormat(locale, { month, timeZone: "UTC" })
              .format(at)
              .toLowerCase()
              .replace(/\.$/, ""),
          );
          // The genitive form used in dates ("10 czerwca") comes with a day.
          const parts = new Intl.DateTimeFormat(locale, {
            month,
            day: "numeric",
            timeZone: "UTC",
          }).formatToParts(at);
          const p = parts.find((x) => x.type === "month");
          if (p) forms.add(p.value.toLowerCase().replace(/\.$/, ""));
        } catch {
          // An unknown language tag: English names still apply.
        }
      }
    }
    names.push([...forms].filter((f) => f.length > 1));
  }
  return names;
}

/** A date written with a month name, a day and a four-digit year ("Monday, 10 June 2024", "June 10, 2024"). */
function dateInLabel(label: string, months: string[][]): string | undefined {
  const text = normaliseLabel(label);
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(text);
  if (!year) return undefined;
  let best: { month: number; at: number } | undefined;
  months.forEach((forms, m) => {
    for (const f of forms) {
      const at = text.indexOf(f);
      if (at >= 0 && (!best || Math.abs(at - year.index) < Math.abs(best.at - year.index)))
        best = { month: m + 1, at };
    }
  });
  if (!best) return undefined;
  // The day: the number nearest the month name that is not a clock time or the year.
  const clock = new Set(clockTimes(label).map((t) => t.index));
  let day: number | undefined;
  let distance = Infinity;
  for (const m of text.matchAll(/(?<![\d:.])(\d{1,2})(?![\d:])/g)) {
    if (clock.has(m.index)) continue;
    const d = Number(m[1]);
    const gap = Math.abs(m.index - best.at);
    if (d >= 1 && d <= 31 && gap < distance && gap < 20) {
      day = d;
      distance = gap;
    }
  }
  if (day === undefined) return undefined;
  return `${year[1]}-${String(best.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
