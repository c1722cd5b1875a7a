import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIcs } from ".";

// Calendars written by hand for these cases (each says so in its header).
const PROJECT = new URL("../../../e2e/fixtures/ics/", import.meta.url).pathname;
const read = (file: string, defaultZone = "Europe/London") =>
  parseIcs(readFileSync(PROJECT + file, "utf8"), {
    window: { start: Date.UTC(2024, 7, 1), end: Date.UTC(2025, 7, 1) },
    defaultZone,
  });
const iso = (ms: number) => new Date(ms).toISOString();

describe("any line end", () => {
  it("reads CRLF, LF, CR and CR CR LF files alike, folded lines included", () => {
    const crlf = read("line-ends-crlf.ics");
    expect(crlf.warnings).toEqual([]);
    expect(crlf.events.map((e) => [iso(e.start), iso(e.end), e.title])).toEqual([
      ["2024-09-16T07:00:00.000Z", "2024-09-16T08:00:00.000Z", "9X6 Ma"],
      ["2024-09-17T08:00:00.000Z", "2024-09-17T09:00:00.000Z", "9X7 Ma"],
      ["2024-09-18T07:00:00.000Z", "2024-09-18T08:00:00.000Z", "9X8 Ma"],
    ]);
    expect(crlf.events[0]!.description).toBe(
      "Folded description that runs on past the seventy-five octet line length limit of RFC 5545",
    );
    for (const file of ["line-ends-lf.ics", "line-ends-cr.ics", "line-ends-crcrlf.ics"]) {
      expect(read(file), file).toEqual(crlf);
    }
  });
});

describe("a calendar in the wrong time zone", () => {
  it("imports entries that fall at night in the teacher's zone, and says why they may", () => {
    const { events, warnings } = read("night-times.ics");
    expect(events).toHaveLength(7);
    expect(iso(events[0]!.start)).toBe("2024-09-08T20:00:00.000Z");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Most of this calendar's timed entries \(7 of 7\) start between 20:00 and 05:00 in your time zone \(Europe\/London\)\. The calendar was probably made in another time zone, or its times were written as UTC/,
    );
    // The same file for a teacher in Auckland is a school day.
    expect(read("night-times.ics", "Pacific/Auckland").warnings).toEqual([]);
  });

  it("imports events set in a zone hours away, and names it", () => {
    const { events, warnings } = read("zone-away.ics");
    expect(events.map((e) => iso(e.start))).toEqual([
      "2024-09-09T12:00:00.000Z",
      "2024-09-09T13:00:00.000Z",
      "2024-09-09T14:00:00.000Z",
      "2024-09-09T15:00:00.000Z",
    ]);
    expect(warnings).toEqual([
      `Some events in this calendar are set in a time zone hours from your profile's (Europe/London): "America/New_York" (5 hours behind yours). They were imported at those zones' times. If you work in Europe/London, the calendar was probably made in another time zone; if you have moved, change the time zone in your profile.`,
    ]);
    expect(read("zone-away.ics", "America/New_York").warnings).toEqual([]);
  });

  it("says nothing about a London timetable read in London", () => {
    expect(read("this-and-future.ics").warnings).toEqual([]);
  });
});
