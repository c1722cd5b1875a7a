import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIcs, type ParsedEvent } from ".";

// Calendars written by hand for these cases (each says so in its header).
const PROJECT = new URL("../../../e2e/fixtures/ics/", import.meta.url).pathname;
const read = (file: string, defaultZone = "Europe/London") =>
  parseIcs(readFileSync(PROJECT + file, "utf8"), {
    window: { start: Date.UTC(2024, 7, 1), end: Date.UTC(2025, 7, 1) },
    defaultZone,
  });
const iso = (ms: number) => new Date(ms).toISOString();
const spans = (events: ParsedEvent[]) => events.map((e) => `${iso(e.start)} ${iso(e.end)}`);

describe("every RRULE of an event", () => {
  it("gives the 20 Thursdays and the 2 second Mondays of two RRULE lines", () => {
    const { events, warnings } = read("two-rrules.ics");
    expect(warnings).toEqual([]);
    expect(events.map((e) => iso(e.start))).toEqual([
      "2024-09-05T08:00:00.000Z",
      "2024-09-09T08:00:00.000Z",
      "2024-09-12T08:00:00.000Z",
      "2024-09-19T08:00:00.000Z",
      "2024-09-26T08:00:00.000Z",
      "2024-10-03T08:00:00.000Z",
      "2024-10-10T08:00:00.000Z",
      "2024-10-14T08:00:00.000Z",
      "2024-10-17T08:00:00.000Z",
      "2024-10-24T08:00:00.000Z",
      "2024-10-31T09:00:00.000Z",
      "2024-11-07T09:00:00.000Z",
      "2024-11-14T09:00:00.000Z",
      "2024-11-21T09:00:00.000Z",
      "2024-11-28T09:00:00.000Z",
      "2024-12-05T09:00:00.000Z",
      "2024-12-12T09:00:00.000Z",
      "2024-12-19T09:00:00.000Z",
      "2024-12-26T09:00:00.000Z",
      "2025-01-02T09:00:00.000Z",
      "2025-01-09T09:00:00.000Z",
      "2025-01-16T09:00:00.000Z",
    ]);
    for (const e of events) expect(e.end - e.start).toBe(3_600_000);
  });
});

describe("the latest revision of each event", () => {
  const { events, warnings } = read("revisions.ics");
  const titled = (title: string) => events.filter((e) => e.title === title);

  it("reads no warning when SEQUENCE and DTSTAMP decide", () => expect(warnings).toEqual([]));

  it("counts one meeting, at the time of the higher SEQUENCE", () => {
    expect(spans(titled("Department meeting"))).toEqual([
      "2024-09-10T10:00:00.000Z 2024-09-10T11:00:00.000Z",
    ]);
  });

  it("keeps the override with the higher SEQUENCE, then the later DTSTAMP", () => {
    expect(spans(titled("Break duty"))).toEqual([
      "2024-09-10T12:00:00.000Z 2024-09-10T12:15:00.000Z",
      "2024-09-17T15:00:00.000Z 2024-09-17T15:15:00.000Z",
      "2024-09-24T12:00:00.000Z 2024-09-24T12:15:00.000Z",
      "2024-10-01T12:00:00.000Z 2024-10-01T12:15:00.000Z",
    ]);
    expect(titled("Break duty")[1]!.recurrenceId).toBe("2024-09-17T12:00:00.000Z");
  });

  it("drops the date a republished series excludes", () => {
    expect(titled("Homework club").map((e) => iso(e.start))).toEqual([
      "2024-09-11T15:00:00.000Z",
      "2024-09-18T15:00:00.000Z",
      "2024-10-02T15:00:00.000Z",
    ]);
  });
});

describe("versions with nothing to choose by", () => {
  const { events, warnings } = read("revisions-undecided.ics");

  it("counts one of two disagreeing versions, the last in the file, and says so", () => {
    expect(spans(events.filter((e) => e.title === "Year 9 parents' evening"))).toEqual([
      "2024-10-03T17:00:00.000Z 2024-10-03T20:00:00.000Z",
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/1 event appears in two versions that disagree/);
    expect(warnings[0]).toMatch(/no SEQUENCE or DTSTAMP/);
    expect(warnings[0]).toContain(`"Year 9 parents' evening"`);
  });

  it("counts an event written twice alike once, without a warning of its own", () => {
    expect(spans(events.filter((e) => e.title === "Staff briefing"))).toEqual([
      "2024-10-04T07:45:00.000Z 2024-10-04T08:05:00.000Z",
    ]);
    expect(warnings[0]).not.toContain("Staff briefing");
  });
});

describe("RDATE periods", () => {
  it("keeps a period's own length, written as a duration or as an end", () => {
    const { events, warnings } = read("rdate-periods.ics");
    expect(warnings).toEqual([]);
    expect(spans(events)).toEqual([
      "2024-09-06T12:00:00.000Z 2024-09-06T13:00:00.000Z",
      "2024-09-13T12:00:00.000Z 2024-09-13T14:00:00.000Z",
      "2024-09-20T12:00:00.000Z 2024-09-20T12:30:00.000Z",
    ]);
  });
});

describe("RECURRENCE-ID;RANGE=THISANDFUTURE", () => {
  it("moves, lengthens and renames the named occurrence and every later one", () => {
    const { events, warnings } = read("this-and-future.ics");
    expect(warnings).toEqual([]);
    expect(events.map((e) => `${spans([e])[0]} ${e.title}`)).toEqual([
      "2024-09-02T08:00:00.000Z 2024-09-02T09:00:00.000Z Line management",
      "2024-09-09T08:00:00.000Z 2024-09-09T09:00:00.000Z Line management",
      "2024-09-16T08:30:00.000Z 2024-09-16T10:00:00.000Z Line management (new time)",
      "2024-09-23T08:30:00.000Z 2024-09-23T10:00:00.000Z Line management (new time)",
      "2024-09-30T08:30:00.000Z 2024-09-30T10:00:00.000Z Line management (new time)",
      "2024-10-07T08:30:00.000Z 2024-10-07T10:00:00.000Z Line management (new time)",
    ]);
    expect(events.map((e) => e.recurrenceId)).toEqual([
      "2024-09-02T08:00:00.000Z",
      "2024-09-09T08:00:00.000Z",
      "2024-09-16T08:00:00.000Z",
      "2024-09-23T08:00:00.000Z",
      "2024-09-30T08:00:00.000Z",
      "2024-10-07T08:00:00.000Z",
    ]);
  });
});

describe("UNTIL on an all-day series", () => {
  it("compares as a date, so a teacher west of the organiser keeps the last day", () => {
    for (const [zone, midnight] of [
      ["Europe/London", "T23:00:00.000Z"],
      ["Europe/Berlin", "T22:00:00.000Z"],
      ["America/New_York", "T04:00:00.000Z"],
    ] as const) {
      const { events } = read("all-day-until-utc.ics", zone);
      expect(events.map((e) => e.recurrenceId)).toEqual([
        "2024-09-03",
        "2024-09-10",
        "2024-09-17",
        "2024-09-24",
      ]);
      const last = events.at(-1)!;
      expect(last.allDay).toBe(true);
      const day = zone === "America/New_York" ? "2024-09-24" : "2024-09-23";
      expect(iso(last.start)).toBe(day + midnight);
    }
  });
});
