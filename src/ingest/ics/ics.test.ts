import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IcsError, MAX_ICS_BYTES, parseIcs, type ParseOptions, type ParsedEvent } from ".";

// Real calendars copied in with their licences (fixtures/SOURCES.md); project-made ones in e2e/fixtures.
const COPIED = new URL("../../../fixtures/ics/", import.meta.url).pathname;
const PROJECT = new URL("../../../e2e/fixtures/ics/", import.meta.url).pathname;
const DEMO = new URL("../../../demo/teacher-term.ics", import.meta.url).pathname;

const copied = (path: string) => readFileSync(COPIED + path, "utf8");
const project = (path: string) => readFileSync(PROJECT + path, "utf8");

const wide: ParseOptions = {
  window: { start: Date.UTC(2000, 0, 1), end: Date.UTC(2030, 0, 1) },
  defaultZone: "Europe/London",
};
const iso = (ms: number) => new Date(ms).toISOString();
const starts = (events: ParsedEvent[]) => events.map((e) => iso(e.start));

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof IcsError) return e.reason;
    throw e;
  }
  return undefined;
}

describe("every copied real-world fixture parses", () => {
  const files = readdirSync(COPIED, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ics"));
  it("finds the fixtures", () => expect(files.length).toBeGreaterThanOrEqual(15));
  for (const file of files) {
    it(file, () => {
      const result = parseIcs(copied(file), wide);
      for (const ev of result.events) {
        expect(Number.isFinite(ev.start)).toBe(true);
        expect(ev.end).toBeGreaterThanOrEqual(ev.start);
        expect(ev.uid).not.toBe("");
      }
    });
  }
});

describe("Exchange zones", () => {
  it("reads GMT Standard Time across the clock change (July 08:00Z, December 09:00Z)", () => {
    const { events, warnings } = parseIcs(project("exchange-gmt-standard-time.ics"), wide);
    expect(warnings).toEqual([]);
    const briefing = events.filter((e) => e.title === "Staff briefing");
    expect(iso(briefing[0]!.start)).toBe("2026-07-06T08:00:00.000Z");
    expect(iso(briefing[0]!.end)).toBe("2026-07-06T08:30:00.000Z");
    expect(starts(briefing)).toContain("2026-12-07T09:00:00.000Z");
    expect(starts(briefing).at(-1)).toBe("2026-12-21T09:00:00.000Z");
    // EXDATE in half term, and the 9 November occurrence moved to Tuesday 08:30.
    expect(starts(briefing)).not.toContain("2026-10-26T09:00:00.000Z");
    expect(starts(briefing)).not.toContain("2026-11-09T09:00:00.000Z");
    const moved = events.find((e) => e.title === "Staff briefing (moved)");
    expect(moved && iso(moved.start)).toBe("2026-11-10T08:30:00.000Z");
    expect(moved?.recurrenceId).toBe("2026-11-09T09:00:00.000Z");
    expect(moved?.location).toBe("Main hall");
    expect(events).toHaveLength(24);
  });

  it("maps quoted display names, with and without summer time", () => {
    const { events, warnings } = parseIcs(copied("node-ical/Office-2012-owa.ics"), wide);
    // Sydney and New York are hours from the London profile: read as written, and said.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /"\(GMT\+10:00\) Canberra, Melbourne, Sydney" \(11 hours ahead of yours\), "\(UTC-05:00\) Eastern Time \(US & Canada\)" \(5 hours behind yours\)/,
    );
    // 13:30 in Sydney on 28 October 2020 is summer time (+11:00).
    expect(iso(events.find((e) => e.title === "TEST Syd")!.start)).toBe("2020-10-28T02:30:00.000Z");
    // New York: 28 October still EDT (-4), 2 November EST (-5).
    expect(iso(events.find((e) => e.title === "TEST")!.start)).toBe("2020-10-28T17:30:00.000Z");
    expect(iso(events.find((e) => e.title === "TEST 3")!.start)).toBe("2020-11-02T18:30:00.000Z");
    // The weekly series includes its DTSTART (a Monday) and then runs on Thursdays and Fridays.
    const series = starts(events.filter((e) => e.title === "TEST2"));
    expect(series.slice(0, 3)).toEqual([
      "2020-11-02T18:30:00.000Z",
      "2020-11-05T18:30:00.000Z",
      "2020-11-06T18:30:00.000Z",
    ]);
    // UNTIL 2021-08-28T14:00Z: the last Friday, 27 August at 13:30 EDT, is in.
    expect(series.at(-1)).toBe("2021-08-27T17:30:00.000Z");
  });

  it("reads Windows ids with VTIMEZONEs and mends a value swallowed by TZID quotes", () => {
    const { events } = parseIcs(copied("node-ical/ms_timezones.ics"), wide);
    expect(iso(events.find((e) => e.title === "test")!.start)).toBe("2020-09-10T07:00:00.000Z");
    const jira = events.filter((e) => e.title === "Log Yesterday's Jira time");
    expect(iso(jira[0]!.start)).toBe("2020-06-09T07:00:00.000Z");
    // After the October change, 09:00 in Berlin is 08:00Z.
    expect(starts(jira)).toContain("2020-11-02T08:00:00.000Z");
    const pacific = events.find((e) => e.title === "Not the actual summary 1");
    expect(pacific && iso(pacific.start)).toBe("2020-09-15T15:30:00.000Z");
  });

  it("moves an all-day Exchange occurrence named by a zoned RECURRENCE-ID", () => {
    const { events } = parseIcs(copied("node-ical/exchange_whole_day_moved_recurrence.ics"), wide);
    const dates = events.map((e) => e.recurrenceId);
    expect(dates.slice(0, 3)).toEqual(["2026-02-19", "2026-02-24", "2026-02-26"]);
    const moved = events.find((e) => e.recurrenceId === "2026-02-26")!;
    expect(iso(moved.start)).toBe("2026-02-27T00:00:00.000Z");
    expect(moved.allDay).toBe(true);
    expect(events.filter((e) => iso(e.start).startsWith("2026-02-26"))).toHaveLength(0);
  });
});

describe("recurrences", () => {
  it("applies RRULE COUNT, EXDATE and RECURRENCE-ID", () => {
    const { events } = parseIcs(copied("node-ical/daily-count-exdate-recurrence-id.ics"), wide);
    expect(events).toHaveLength(8);
    const moved = events.find((e) => e.title === "More Treasure Hunting")!;
    expect(moved.recurrenceId).toBe("2015-07-07T19:00:00.000Z");
    expect(iso(moved.start)).toBe("2015-07-09T22:00:00.000Z");
    expect(starts(events)).not.toContain("2015-07-08T19:00:00.000Z");
    expect(starts(events)).not.toContain("2015-07-10T19:00:00.000Z");
  });

  it("groups a Google override listed before its master", () => {
    const { events } = parseIcs(copied("node-ical/google-recurrence-order.ics"), wide);
    expect(events.map((e) => [iso(e.start), e.title])).toEqual([
      ["2026-02-10T17:00:00.000Z", "TEST RECURR 3"],
      ["2026-02-11T17:30:00.000Z", "TEST RECURR 3 - MODIFIED"],
      ["2026-02-12T17:00:00.000Z", "TEST RECURR 3"],
    ]);
  });

  it("adds RDATEs (with periods) and removes EXDATEs, with overrides in UTC and zoned form", () => {
    const { events } = parseIcs(copied("ical.js/recur_instances.ics"), {
      ...wide,
      window: { start: Date.UTC(2012, 0, 1), end: Date.UTC(2024, 0, 1) },
    });
    const at = starts(events);
    // DTSTART 10:00 Los Angeles moved to 15:00 by its RECURRENCE-ID.
    expect(at[0]).toBe("2012-10-02T22:00:00.000Z");
    // RDATE 5 Nov (10:00 PST = 18:00Z) moved by a UTC RECURRENCE-ID to 6 Nov 20:00 PST.
    const moved = events.find((e) => e.recurrenceId === "2012-11-05T18:00:00.000Z")!;
    expect(iso(moved.start)).toBe("2012-11-07T04:00:00.000Z");
    expect(at).toContain("2012-11-10T18:00:00.000Z");
    expect(at).toContain("2012-11-30T18:00:00.000Z");
    expect(at).not.toContain("2012-12-04T18:00:00.000Z");
    expect(at).not.toContain("2013-04-02T17:00:00.000Z");
    const period = events.find((e) => iso(e.start) === "2023-11-25T09:00:00.000Z")!;
    expect(iso(period.end)).toBe("2023-11-25T12:30:00.000Z");
    expect(at).toContain("2023-11-23T09:00:00.000Z");
  });

  it("excludes a date-only EXDATE from a timed series", () => {
    const { events } = parseIcs(copied("ical.js/rdate_exdate.ics"), wide);
    expect(starts(events)).toEqual([
      "2024-06-09T03:00:00.000Z",
      "2024-06-10T03:00:00.000Z",
      "2024-06-12T03:00:00.000Z",
    ]);
  });

  it("reads series that share a rule and a first day as it reads each alone", () => {
    // Lessons at several times of one day by one rule share one walk through the rule; rules that set the
    // time of day (BYHOUR, HOURLY) and all-day series are included to check they are kept apart.
    const rules = [
      "FREQ=WEEKLY;UNTIL=20270721T230000Z;BYDAY=MO;WKST=MO",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
      "FREQ=DAILY;COUNT=40",
      "FREQ=DAILY;BYHOUR=9,15;COUNT=30",
      "FREQ=HOURLY;INTERVAL=7;COUNT=50",
      "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      "FREQ=MONTHLY;BYMONTHDAY=7,31",
      "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
    ];
    const starts = ["20260907T083500", "20260907T121000", "20260907T235900", "19900907T083500", "20260907"];
    const series: string[] = [];
    for (const [r, rule] of rules.entries()) {
      for (const [t, start] of starts.entries()) {
        const zoned = start.includes("T") ? `;TZID=GMT Standard Time:${start}` : `;VALUE=DATE:${start}`;
        series.push(
          [
            "BEGIN:VEVENT",
            `UID:s${r}-${t}`,
            `SUMMARY:Series ${r}-${t}`,
            `DTSTART${zoned}`,
            start.includes("T") ? "DURATION:PT50M" : "DURATION:P1D",
            `RRULE:${rule}`,
            "END:VEVENT",
          ].join("\r\n"),
        );
      }
    }
    const calendar = (events: string[]) =>
      ["BEGIN:VCALENDAR", "VERSION:2.0", ...events, "END:VCALENDAR"].join("\r\n") + "\r\n";
    const window = { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) };
    const opts = { window, defaultZone: "Europe/London" };
    const together = parseIcs(calendar(series), opts).events;
    const alone = series
      .flatMap((event) => parseIcs(calendar([event]), opts).events)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    expect(together.length).toBeGreaterThan(1000);
    const key = (e: ParsedEvent) => `${e.uid} ${e.start} ${e.end} ${e.recurrenceId}`;
    expect(together.map(key).sort()).toEqual(alone.map(key).sort());
  });

  it("expands only inside the window", () => {
    const { events } = parseIcs(copied("node-ical/biweekly-exdate-until.ics"), {
      ...wide,
      window: { start: Date.UTC(2026, 8, 1), end: Date.UTC(2027, 8, 1) },
    });
    expect(events.length).toBeGreaterThan(40);
    expect(events.length).toBeLessThan(60);
    for (const ev of events) expect(ev.start).toBeGreaterThanOrEqual(Date.UTC(2026, 7, 30));
  });
});

describe("reading lines", () => {
  const window = { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) };
  const opts = { window, defaultZone: "Europe/London" };

  it("unfolds lines (even inside a name), reads names in any case and keeps the first of a repeated property", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      "UID:folded",
      "summary:9X1 Ma",
      "SUMMARY:Second summary",
      "X-ALT-SUMMARY:Not read",
      "DTST",
      " ART;TZID=Europe/London:20260907T090000",
      "DTEND;TZID=Europe/London:20260907T1",
      "\t00000",
      "DESCRIPTION:Bring the",
      "  mock papers",
      "BEGIN:VALARM",
      "DESCRIPTION:Reminder",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\n");
    const { events } = parseIcs(text, opts);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ title: "9X1 Ma", description: "Bring the mock papers" });
    expect(iso(events[0]!.start)).toBe("2026-09-07T08:00:00.000Z");
    expect(iso(events[0]!.end)).toBe("2026-09-07T09:00:00.000Z");
  });

  it("gives each event its own values when events share lines", () => {
    const event = (uid: string, start: string, summary: string) =>
      [
        "BEGIN:VEVENT",
        "DESCRIPTION:\\n",
        `UID:${uid}`,
        `SUMMARY:${summary}`,
        `DTSTART;TZID=GMT Standard Time:${start}`,
        "DURATION:PT1H",
        "STATUS:CONFIRMED",
        "END:VEVENT",
      ].join("\r\n");
    const text = [
      "BEGIN:VCALENDAR",
      event("a", "20260907T090000", "Break duty"),
      event("b", "20260907T090000", "Line management"),
      event("c", "20261207T090000", "Break duty"),
      "END:VCALENDAR",
    ].join("\r\n");
    const { events } = parseIcs(text, opts);
    expect(events.map((e) => [e.uid, iso(e.start), e.title, e.description])).toEqual([
      ["a", "2026-09-07T08:00:00.000Z", "Break duty", undefined],
      ["b", "2026-09-07T08:00:00.000Z", "Line management", undefined],
      ["c", "2026-12-07T09:00:00.000Z", "Break duty", undefined],
    ]);
  });

  it("reads a component closed under another name, as ical.js does", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:odd-end",
      "SUMMARY:Staff briefing",
      "DTSTART:20260907T080000Z",
      "END:VTODO",
      "END:VCALENDAR",
    ].join("\r\n");
    const { events } = parseIcs(text, opts);
    expect(events.map((e) => [e.title, iso(e.start)])).toEqual([
      ["Staff briefing", "2026-09-07T08:00:00.000Z"],
    ]);
  });
});

describe("dates and floating times", () => {
  it("reads floating times and dates in the default zone, UTC and TZID times as written", () => {
    const { events } = parseIcs(copied("node-ical/mixed-timezone-handling.ics"), {
      ...wide,
      defaultZone: "Pacific/Auckland",
    });
    const by = (title: string) => events.find((e) => e.title === title)!;
    expect(iso(by("No Timezone").start)).toBe("2002-10-27T12:20:30.000Z");
    expect(iso(by("UTC Timezone").start)).toBe("2002-10-28T01:20:30.000Z");
    expect(iso(by("Inline Timezone").start)).toBe("2002-10-28T06:20:30.000Z");
    for (const title of ["Date Only (Explicit)", "Date Only (Implicit)"]) {
      expect(by(title).allDay).toBe(true);
      expect(iso(by(title).start)).toBe("2002-10-27T11:00:00.000Z");
      expect(iso(by(title).end)).toBe("2002-10-28T11:00:00.000Z");
    }
  });

  it("keeps multi-week all-day holidays whole", () => {
    const { events } = parseIcs(copied("node-ical/sabredav-school-holidays.ics"), wide);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      allDay: true,
      title: "Sommerferien Sachsen",
      calendarName: "Schulferien",
    });
    expect(iso(events[0]!.start)).toBe("2018-07-01T23:00:00.000Z");
    expect(iso(events[0]!.end)).toBe("2018-08-10T23:00:00.000Z");
  });

  it("gives a bare date with a DURATION its length in days", () => {
    const { events } = parseIcs(copied("node-ical/test_date_duration.ics"), wide);
    expect(events[0]).toMatchObject({ allDay: true, location: "Kriftel" });
    expect(iso(events[0]!.end)).toBe("2024-02-22T00:00:00.000Z");
  });

  it("reads UTC Google exports whatever X-WR-TIMEZONE and VTIMEZONE say", () => {
    const nz = parseIcs(copied("google-nz/google-export-pacific-auckland.ics"), wide).events[0]!;
    expect(iso(nz.start)).toBe("2020-05-11T00:30:00.000Z");
    expect(nz.description).toBe("Text <b>bold</b>");
    const london = parseIcs(copied("icalendar/alarm_google_future.ics"), wide).events[0]!;
    expect(iso(london.start)).toBe("2024-10-04T18:15:00.000Z");
  });

  it("uses the tz database for an IANA TZID even when its VTIMEZONE is incomplete", () => {
    const text = copied("icalendar/issue_1050_timezone_only_calendar.ics").replace(
      "END:VCALENDAR",
      "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:PPA\r\nDTSTART;TZID=Europe/London:20260706T090000\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    expect(iso(parseIcs(text, wide).events[0]!.start)).toBe("2026-07-06T08:00:00.000Z");
  });

  it("honours a custom VTIMEZONE and warns about an undefined zone", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "TZID:Customized Time Zone",
      "BEGIN:STANDARD",
      "DTSTART:16010101T030000",
      "TZOFFSETFROM:+1300",
      "TZOFFSETTO:+1200",
      "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:16010101T020000",
      "TZOFFSETFROM:+1200",
      "TZOFFSETTO:+1300",
      "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=9",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:a",
      "SUMMARY:10WGT Ma",
      "DTSTART;TZID=Customized Time Zone:20260601T090000",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:b",
      "SUMMARY:Mystery",
      "DTSTART;TZID=Somewhere Odd:20260601T090000",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const { events, warnings } = parseIcs(text, wide);
    expect(iso(events.find((e) => e.uid === "a")!.start)).toBe("2026-05-31T21:00:00.000Z");
    expect(iso(events.find((e) => e.uid === "b")!.start)).toBe("2026-06-01T08:00:00.000Z");
    expect(warnings).toEqual([
      'Some events use a time zone this calendar does not define ("Somewhere Odd"); they were read as Europe/London.',
      expect.stringMatching(
        /^Some events in this calendar are set in a time zone hours from your profile's \(Europe\/London\): "Customized Time Zone" \(13 hours ahead of yours\)/,
      ),
    ]);
  });
});

describe("bad input", () => {
  it("refuses text that is not iCalendar", () => {
    expect(reasonOf(() => parseIcs(project("garbage.ics"), wide))).toBe("not-icalendar");
    expect(reasonOf(() => parseIcs("", wide))).toBe("not-icalendar");
    expect(reasonOf(() => parseIcs("<html><body>Sign in</body></html>", wide))).toBe("not-icalendar");
  });

  it("refuses a truncated file", () => {
    expect(reasonOf(() => parseIcs(project("truncated.ics"), wide))).toBe("truncated");
  });

  it("refuses a file over 20 MB before parsing it", () => {
    const big = "BEGIN:VCALENDAR\r\n" + "X".repeat(MAX_ICS_BYTES) + "\r\nEND:VCALENDAR";
    expect(reasonOf(() => parseIcs(big, wide))).toBe("too-large");
  });

  it("survives absurd recurrences with warnings and keeps the ordinary events", () => {
    const { events, warnings } = parseIcs(project("absurd-recurrences.ics"), wide);
    expect(events.filter((e) => e.uid === "ordinary")).toHaveLength(3);
    expect(events.some((e) => e.uid === "absurd-secondly")).toBe(false);
    expect(events.some((e) => e.uid === "absurd-never")).toBe(false);
    expect(warnings.join(" ")).toMatch(/every second or every minute/);
    expect(warnings.join(" ")).toMatch(/could not be read/);
  });

  it("ignores a VTIMEZONE with thousands of rules, quickly", () => {
    const rules: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const kind = i % 2 ? "DAYLIGHT" : "STANDARD";
      rules.push(
        `BEGIN:${kind}`,
        `DTSTART:${1601 + (i % 400)}0101T020000`,
        `TZOFFSETFROM:+0${i % 2}00`,
        `TZOFFSETTO:+0${(i + 1) % 2}00`,
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        `END:${kind}`,
      );
    }
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "TZID:Hostile Zone",
      ...rules,
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:h",
      "SUMMARY:9X1 Ma",
      "DTSTART;TZID=Hostile Zone:20260907T090000",
      "RRULE:FREQ=WEEKLY;COUNT=5",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const { events, warnings } = parseIcs(text, wide);
    expect(events).toHaveLength(5);
    expect(iso(events[0]!.start)).toBe("2026-09-07T08:00:00.000Z");
    expect(warnings.join(" ")).toMatch(/"Hostile Zone" has thousands of rules/);
  });

  it("gives up, importing nothing, once its time budget is spent", () => {
    // A fake clock that moves a second each time it is read: the budget runs out part-way through the term.
    let clock = 0;
    const timeBudget = { ms: 5_000, now: () => (clock += 1_000) };
    const text = readFileSync(DEMO, "utf8");
    expect(reasonOf(() => parseIcs(text, { ...wide, timeBudget }))).toBe("too-complex");
    // A clock that stands still never runs out, however long the machine takes.
    const still = { ms: 5_000, now: () => 0 };
    expect(parseIcs(text, { ...wide, timeBudget: still }).events.length).toBeGreaterThan(100);
  });

  it("caps the number of events returned", () => {
    const { events, warnings } = parseIcs(readFileSync(DEMO, "utf8"), { ...wide, maxInstances: 100 });
    expect(events).toHaveLength(100);
    expect(warnings.join(" ")).toMatch(/only the first 100/);
  });
});

describe("the demo term", () => {
  const { events, warnings } = parseIcs(readFileSync(DEMO, "utf8"), {
    window: { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) },
    defaultZone: "Europe/London",
  });

  it("reads without warnings", () => expect(warnings).toEqual([]));

  it("puts the INSET day on 1 September as an all-day event", () => {
    const inset = events.find((e) => e.title === "INSET day")!;
    expect(inset.allDay).toBe(true);
    expect(iso(inset.start)).toBe("2026-08-31T23:00:00.000Z");
  });

  it("keeps lessons at 08:50 local across the clock change and skips half term", () => {
    const lesson = events.filter((e) => e.title === "9X1 Ma" && new Date(e.start).getUTCDay() === 1);
    expect(starts(lesson)[0]).toBe("2026-09-07T07:50:00.000Z");
    expect(starts(lesson)).toContain("2026-11-02T08:50:00.000Z");
    expect(starts(lesson).some((s) => s.startsWith("2026-10-26"))).toBe(false);
    expect(lesson).toHaveLength(14);
  });

  it("replaces a PPA occurrence with cover", () => {
    const cover = events.find((e) => e.title === "Cover 8B2 for JSM")!;
    expect(iso(cover.start)).toBe("2026-10-13T11:10:00.000Z");
    expect(events.some((e) => e.title === "PPA" && e.start === cover.start)).toBe(false);
  });
});
