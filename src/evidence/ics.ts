import ICAL from "ical.js";
import type { EvidencePack } from "./pack";

const PRODID = "-//Within Hours//Evidence pack//EN";

/** jCal's UTC date-time: "2026-09-01T07:40:00Z". */
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The counted items as a calendar a rep can lay over the school's own: one event per row, in UTC, summary
 * from the calculator's category and the row's note (which carries no cover title), the counted minutes in
 * the description. Built as jCal (RFC 7265) arrays and written by ical.js, which escapes and folds the lines;
 * building ical.js's Component and Time objects for each of a year's ten thousand events took seconds.
 */
export function evidenceIcs(pack: EvidencePack): string {
  const stamp = utc(pack.generatedAt);
  const events = pack.rows.map((r) => {
    const label = r.category.charAt(0).toUpperCase() + r.category.slice(1);
    const description = [
      `Category: ${r.category}`,
      `Directed: ${r.directed ? "yes" : "no"}`,
      `Minutes counted: ${r.minutes}`,
      `On the directed-time calendar: ${r.onCalendar}`,
      `Source: ${r.source}`,
      r.note ? `Note: ${r.note}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    return [
      "vevent",
      [
        ["uid", {}, "text", `${r.id}@within-hours`],
        ["dtstamp", {}, "date-time", stamp],
        ["dtstart", {}, "date-time", utc(r.start)],
        ["dtend", {}, "date-time", utc(r.end)],
        ["summary", {}, "text", r.note ? `${label}: ${r.note.split("; ")[0]}` : label],
        ["description", {}, "text", description],
        ["categories", {}, "text", r.category],
        ["transp", {}, "text", "OPAQUE"],
      ],
      [],
    ];
  });
  const jcal = [
    "vcalendar",
    [
      ["prodid", {}, "text", PRODID],
      ["version", {}, "text", "2.0"],
      ["calscale", {}, "text", "GREGORIAN"],
      ["x-wr-calname", {}, "unknown", `Within Hours evidence: ${pack.range.label}`],
    ],
    events,
  ];
  return ICAL.stringify(jcal as Parameters<typeof ICAL.stringify>[0]).replace(/\r?\n/g, "\r\n") + "\r\n";
}
