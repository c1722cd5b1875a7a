import ICAL from "ical.js";
import type { EvidencePack } from "./pack";

const PRODID = "-//Within Hours//Evidence pack//EN";

/** "20250901T084000Z" for an epoch ms instant. */
function utcStamp(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

/**
 * The counted items as a calendar a rep can lay over the school's own: one event per row, in UTC, summary
 * from the calculator's category and the row's note (which carries no cover title), the counted minutes in
 * the description. Written with ical.js, which folds and escapes the lines.
 */
export function evidenceIcs(pack: EvidencePack): string {
  const cal = new ICAL.Component(["vcalendar", [], []]);
  cal.updatePropertyWithValue("prodid", PRODID);
  cal.updatePropertyWithValue("version", "2.0");
  cal.updatePropertyWithValue("calscale", "GREGORIAN");
  cal.updatePropertyWithValue("x-wr-calname", `Within Hours evidence: ${pack.range.label}`);
  const stamp = utcStamp(pack.generatedAt);
  for (const r of pack.rows) {
    const event = new ICAL.Component("vevent");
    event.updatePropertyWithValue("uid", `${r.id}@within-hours`);
    event.updatePropertyWithValue("dtstamp", stamp);
    event.updatePropertyWithValue("dtstart", utcStamp(r.start));
    event.updatePropertyWithValue("dtend", utcStamp(r.end));
    const label = r.category.charAt(0).toUpperCase() + r.category.slice(1);
    event.updatePropertyWithValue("summary", r.note ? `${label}: ${r.note.split("; ")[0]}` : label);
    event.updatePropertyWithValue(
      "description",
      [
        `Category: ${r.category}`,
        `Directed: ${r.directed ? "yes" : "no"}`,
        `Minutes counted: ${r.minutes}`,
        `On the directed-time calendar: ${r.onCalendar}`,
        `Source: ${r.source}`,
        r.note ? `Note: ${r.note}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
    event.updatePropertyWithValue("categories", r.category);
    event.updatePropertyWithValue("transp", "OPAQUE");
    cal.addSubcomponent(event);
  }
  return cal.toString().replace(/\r?\n/g, "\r\n") + "\r\n";
}
