import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { labelTimes, labelTitle } from "./clock-label";
import { dateKeyOf, dateFromKey } from "./google-calendar";
import { parseHtmlInNode } from "./html-node";
import { readPage, siteFor } from "./registry";
import type { PageInput, PageItem, PageReading, ReadOk } from "./types";
import { zonedInstant } from "./zoned";

const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
/** Real answers that are not strict JSON (a trailing comma) are read as such. */
const lenientJson = (text: string): unknown => JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));
const iso = (t: number) => new Date(t).toISOString();
const London = "Europe/London";

function input(
  url: string,
  source: { html?: string; json?: unknown },
  extra: Partial<PageInput> = {},
): PageInput {
  return {
    url,
    document: source.html === undefined ? undefined : parseHtmlInNode(source.html, url),
    json: source.json,
    timeZone: London,
    today: "2026-06-10",
    parseHtml: (html) => parseHtmlInNode(html, url),
    ...extra,
  };
}

function ok(reading: PageReading): ReadOk {
  if (!reading.ok) throw new Error(`refused: ${reading.reason}`);
  return reading;
}

const brief = (items: PageItem[]) =>
  items.map((i) => ({
    title: i.title,
    start: iso(i.start),
    end: iso(i.end),
    location: i.location,
    group: i.group,
  }));

describe("registry", () => {
  it("picks one reader per site by address", () => {
    expect(siteFor("https://www.edulinkone.com/#!/timetable")?.id).toBe("edulink");
    expect(siteFor("https://www6.edulinkone.com/api/?method=EduLink.Timetable")?.id).toBe("edulink");
    expect(siteFor("https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/")?.id).toBe("arbor");
    expect(siteFor("https://greenabbey.uk.arbor.education/?/home-ui/index")?.id).toBe("arbor");
    expect(siteFor("https://calendar.google.com/calendar/u/0/r/week")?.id).toBe("google-calendar");
    expect(siteFor("https://outlook.office.com/calendar/view/week")?.id).toBe("outlook");
    expect(siteFor("https://outlook.office365.com/calendar/view/day")?.id).toBe("outlook");
    expect(siteFor("https://www.classcharts.com/mobile/student#timetable")?.id).toBe("classcharts");
    expect(siteFor("https://cloudmis.bromcom.com/Nucleus/UI/Timetable.aspx")?.id).toBe("html-table");
    expect(siteFor("https://arbor.sc.evil.example/")?.id).toBe("html-table");
    expect(siteFor("chrome://settings")).toBeUndefined();
  });
});

describe("Edulink One", () => {
  const url = "https://www.edulinkone.com/#!/timetable";
  const timetable = JSON.parse(fixture("edulink/employee/EduLink.Timetable.json"));

  it("reads a staff EduLink.Timetable answer: two weeks, lessons, a cover lesson and free periods", () => {
    const r = ok(readPage(input(url, { json: timetable })));
    expect(r.site).toBe("edulink");
    const lessons = r.items.filter((i) => i.hint !== "free");
    const free = r.items.filter((i) => i.hint === "free");
    expect(lessons).toHaveLength(19 + 19);
    // 10 weekdays × 5 teaching periods, less 38 lessons; registration periods with no class are not free time.
    expect(free).toHaveLength(50 - 38);
    // Monday 13 June 2016, period 1, 09:15–10:15 BST.
    expect(brief(r.items.slice(0, 1))).toEqual([
      {
        title: "Science 10y/Sc2",
        start: "2016-06-13T08:15:00.000Z",
        end: "2016-06-13T09:15:00.000Z",
        location: "Science Lab 1",
        group: "10y/Sc2",
      },
    ]);
    const cover = r.items.find((i) => i.hint === "cover");
    expect(cover?.title).toMatch(/^Cover /);
    // Next week's Monday is 20 June.
    expect(r.items.some((i) => iso(i.start) === "2016-06-20T08:15:00.000Z")).toBe(true);
  });

  it("reads the timetable as the AngularJS app holds it in the page", () => {
    const r = ok(readPage(input(url, { json: { timetables: [timetable.result] } })));
    expect(r.items).toHaveLength(50);
  });

  it("reads EduLink.Calendar: INSET days, holidays as whole days, and leaves out an entry that ends before it starts", () => {
    const r = ok(readPage(input(url, { json: JSON.parse(fixture("edulink/EduLink.Calendar.json")) })));
    const inset = r.items.find((i) => i.title === "Staff Training Day (INSET)");
    expect(inset && { start: iso(inset.start), end: iso(inset.end) }).toEqual({
      start: "2025-09-01T08:00:00.000Z",
      end: "2025-09-01T15:59:00.000Z",
    });
    const october = r.items.find((i) => i.title === "October Holiday");
    expect(october?.allDay).toBe(true);
    expect(iso(october!.start)).toBe("2025-10-23T23:00:00.000Z");
    const mocks = r.items.find((i) => i.title.startsWith("Y11 and Y13 Mock Exams"));
    expect(mocks?.allDay).toBe(true);
    expect(r.warnings.some((w) => w.includes("Christmas Holiday"))).toBe(true);
  });

  it("refuses a page whose timetable has not loaded, and a refused request", () => {
    const empty = readPage(input(url, { html: "<html><body><timetable></timetable></body></html>" }));
    expect(empty).toMatchObject({ ok: false, site: "edulink" });
    const refused = readPage(
      input(url, { json: { jsonrpc: "2.0", result: { success: false, error: "Session expired" } } }),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain("Session expired");
  });

  it("refuses a timetable with no lessons at all", () => {
    const bare = structuredClone(timetable);
    for (const w of bare.result.weeks) for (const d of w.days) d.lessons = [];
    const r = readPage(input(url, { json: bare }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("no lessons");
  });

  it("refuses a 20-hour school day rather than give wrong hours", () => {
    const odd = structuredClone(timetable);
    odd.result.weeks[0].days[0].periods[5].end_time = "04:30";
    odd.result.weeks[0].days[0].periods[5].start_time = "03:30";
    odd.result.weeks[0].days[0].periods[1].end_time = "23:40";
    odd.result.weeks[0].days[0].periods[1].start_time = "23:00";
    const r = readPage(input(url, { json: odd }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/hour school day/);
  });
});

describe("Arbor", () => {
  const url = "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/";

  it("reads the calendar grid across the October clock change, in both time-text forms", () => {
    const r = ok(readPage(input(url, { html: fixture("arbor/my-calendar-week.html") })));
    expect(brief(r.items)).toEqual([
      {
        title: "9: 9HAN",
        start: "2026-10-23T07:40:00.000Z",
        end: "2026-10-23T08:00:00.000Z",
        location: undefined,
        group: "9HAN",
      },
      {
        title: "Science: Yr 9: 9A/Sc2",
        start: "2026-10-23T08:00:00.000Z",
        end: "2026-10-23T09:00:00.000Z",
        location: undefined,
        group: "9A/Sc2",
      },
      {
        title: "Design & T: Yr 10: 10B/Dt1",
        start: "2026-10-23T09:00:00.000Z",
        end: "2026-10-23T10:00:00.000Z",
        location: undefined,
        group: "10B/Dt1",
      },
      // After the clocks go back on Sunday 25 October: 08:40 GMT is 08:40Z.
      {
        title: "9: 9HAN",
        start: "2026-10-26T08:40:00.000Z",
        end: "2026-10-26T09:00:00.000Z",
        location: "T4",
        group: "9HAN",
      },
      {
        title: "English La: Yr 11: 11C/En3",
        start: "2026-10-26T09:00:00.000Z",
        end: "2026-10-26T10:00:00.000Z",
        location: "S12",
        group: "11C/En3",
      },
      {
        title: "Department Meeting",
        start: "2026-10-26T15:30:00.000Z",
        end: "2026-10-26T16:30:00.000Z",
        location: "Library",
        group: undefined,
      },
    ]);
  });

  it("reads list-static JSON: each page's grid, overlapping weeks once", () => {
    const r = ok(readPage(input(url, { json: JSON.parse(fixture("arbor/list-static.json")) })));
    expect(r.items.map((i) => `${iso(i.start)} ${i.group}`)).toEqual([
      "2026-10-12T08:00:00.000Z 8X/Ma1",
      "2026-10-13T10:00:00.000Z 10Y/Ma2",
      "2026-10-19T08:00:00.000Z 7Z/Ma3",
      "2026-10-20T12:00:00.000Z 12A/Ma1",
      "2026-10-20T13:00:00.000Z 12A/Ma1",
    ]);
  });

  it("reads the day widget's JSON", () => {
    const r = ok(readPage(input(url, { json: JSON.parse(fixture("arbor/day-widget.json")) })));
    expect(brief(r.items)[0]).toEqual({
      title: "Photography: Year 13: 13C/Pt",
      start: "2026-09-25T09:10:00.000Z",
      end: "2026-09-25T10:10:00.000Z",
      location: "CP4",
      group: "13C/Pt",
    });
  });

  it("says the session has ended when Arbor answers with its empty app shell (HTTP 200)", () => {
    const shell = fixture("arbor/expired-session.html");
    for (const source of [{ json: shell }, { html: shell }]) {
      const r = readPage(input(url, source));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/session has ended/);
    }
    const refused = readPage(
      input(url, { json: { success: false, message: "User is not allowed to access this page" } }),
    );
    expect(refused.ok).toBe(false);
  });

  it("refuses a page with no grid", () => {
    const r = readPage(input(url, { html: "<html><body><h1>Home</h1><p>Welcome back</p></body></html>" }));
    expect(r).toMatchObject({ ok: false, site: "arbor" });
  });
});

describe("Google Calendar", () => {
  const url = "https://calendar.google.com/calendar/u/0/r/week/2026/6/8";

  it("reads every real aria-label right: times in any language, 12- or 24-hour clock, and the title", () => {
    const lines = fixture("google-calendar/event-aria-labels.txt").split("\n");
    let expected:
      | { summary: string; startTime: number; endTime: number; touchesTop: boolean; touchesBottom: boolean }
      | undefined;
    let n = 0;
    const wrong: string[] = [];
    let pair = 0;
    for (const line of lines) {
      if (line.startsWith("{")) {
        expected = JSON.parse(line);
        pair = 0;
        continue;
      }
      if (!line.trim() || !expected) continue;
      // Lines come in pairs: the aria-label, then the chip's visible time text.
      if (pair++ % 2 === 1) continue;
      n++;
      const times = labelTimes(line);
      const start = times && (expected.touchesTop ? (times.start > times.end ? 0 : NaN) : times.start / 60);
      const end = times && (expected.touchesBottom ? (times.end < times.start ? 24 : NaN) : times.end / 60);
      if (start !== expected.startTime || end !== expected.endTime || labelTitle(line) !== expected.summary)
        wrong.push(line);
    }
    expect(n).toBeGreaterThan(1700);
    expect(wrong).toEqual([]);
  });

  it("decodes a column's data-datekey", () => {
    expect(dateFromKey(String(dateKeyOf("2026-06-08")))).toBe("2026-06-08");
    expect(dateFromKey("28872")).toBe("2026-06-08");
    expect(dateFromKey("abc")).toBeUndefined();
  });

  it("reads a week view by structure: one item per event, across midnight, all-day chips and tasks left out", () => {
    const r = ok(readPage(input(url, { html: fixture("google-calendar/week-en-gb.html") })));
    expect(brief(r.items)).toEqual([
      {
        title: "Year 9 science 9A/Sc2",
        start: "2026-06-08T07:30:00.000Z",
        end: "2026-06-08T08:30:00.000Z",
        location: undefined,
        group: undefined,
      },
      {
        title: "Department meeting",
        start: "2026-06-08T14:30:00.000Z",
        end: "2026-06-08T15:30:00.000Z",
        location: undefined,
        group: undefined,
      },
      {
        title: "Team meeting",
        start: "2026-06-09T12:00:00.000Z",
        end: "2026-06-09T13:00:00.000Z",
        location: undefined,
        group: undefined,
      },
      {
        title: "Sleep",
        start: "2026-06-09T21:15:00.000Z",
        end: "2026-06-10T05:30:00.000Z",
        location: undefined,
        group: undefined,
      },
      {
        title: "Walking",
        start: "2026-06-10T17:00:00.000Z",
        end: "2026-06-10T17:30:00.000Z",
        location: undefined,
        group: undefined,
      },
    ]);
    expect(r.warnings).toEqual(["1 all-day entry was left out."]);
  });

  it("reads a Chinese 12-hour week view the same way", () => {
    const r = ok(readPage(input(url, { html: fixture("google-calendar/week-zh-cn.html") })));
    expect(r.items.map((i) => [i.title, iso(i.start), iso(i.end)])).toEqual([
      ["Controllers", "2026-06-08T09:00:00.000Z", "2026-06-08T12:00:00.000Z"],
      ["Walking", "2026-06-09T06:30:00.000Z", "2026-06-09T07:00:00.000Z"],
      ["Team meeting", "2026-06-09T12:00:00.000Z", "2026-06-09T13:00:00.000Z"],
    ]);
  });

  it("refuses the month view or a changed page (no day columns)", () => {
    const r = readPage(
      input(url, {
        html: '<html><body><div role="grid"><div role="button" aria-label="x">x</div></div></body></html>',
      }),
    );
    expect(r).toMatchObject({ ok: false, site: "google-calendar" });
  });
});

describe("Outlook on the web", () => {
  const url = "https://outlook.office.com/calendar/view/workweek";

  it("reads a GetCalendarView answer, leaving out cancelled events", () => {
    const r = ok(readPage(input(url, { json: JSON.parse(fixture("outlook/GetCalendarView.json")) })));
    expect(brief(r.items)).toEqual([
      {
        title: "Line management",
        start: "2026-11-10T15:40:00.000Z",
        end: "2026-11-10T16:20:00.000Z",
        location: undefined,
        group: undefined,
      },
      {
        title: "Year 11 parents' evening",
        start: "2026-11-12T16:00:00.000Z",
        end: "2026-11-12T19:00:00.000Z",
        location: "Main hall",
        group: undefined,
      },
    ]);
  });

  it("reads the calendar page's event buttons, with dates from the page language's month names", () => {
    const r = ok(readPage(input(url, { html: fixture("outlook/calendar-week.html") })));
    expect(r.items.map((i) => [i.title, iso(i.start), iso(i.end)])).toEqual([
      ["Staff briefing", "2026-11-09T08:15:00.000Z", "2026-11-09T08:35:00.000Z"],
      ["Line management", "2026-11-10T15:40:00.000Z", "2026-11-10T16:20:00.000Z"],
      ["Year 11 parents' evening", "2026-11-12T16:00:00.000Z", "2026-11-12T19:00:00.000Z"],
    ]);
  });

  it("refuses a sign-in page", () => {
    const r = readPage(input(url, { html: fixture("pages/sign-in.html") }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/sign in/);
  });
});

describe("Class Charts", () => {
  const url = "https://www.classcharts.com/mobile/teacher#timetable";

  it("reads the timetable answer with its own offsets; two lessons in one slot count once", () => {
    const r = ok(readPage(input(url, { json: lenientJson(fixture("classcharts/lessons.EXTRACTED.json")) })));
    expect(r.items).toHaveLength(7);
    expect(brief(r.items.slice(0, 1))).toEqual([
      {
        title: "Subject Name Lesson Name",
        start: "2023-09-26T07:45:00.000Z",
        end: "2023-09-26T08:45:00.000Z",
        location: "Room Name",
        group: "Lesson Name",
      },
    ]);
    expect(r.items.find((i) => i.title.startsWith("TUTOR"))?.hint).toBe("registration");
  });

  it("says so when the session has lapsed", () => {
    const r = readPage(input(url, { json: { success: 0, error: "Not logged in" } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not logged in/);
  });
});

describe("any timetable table (SIMS, Bromcom, iSAMS…)", () => {
  const url = "https://cloudmis.bromcom.com/Nucleus/UI/Areas/Timetable/MyTimetable.aspx";

  it("finds the day and period axes and reads the week as this week", () => {
    const r = ok(readPage(input(url, { html: fixture("html-table/sims-week.html") })));
    expect(r.site).toBe("html-table");
    expect(r.warnings).toEqual(["The table shows no dates: it was read as the week of 2026-06-08."]);
    const monday = r.items.filter((i) => iso(i.start).startsWith("2026-06-08"));
    expect(monday.map((i) => [i.title, iso(i.start), i.group, i.location, i.hint])).toEqual([
      ["9HAN", "2026-06-08T07:40:00.000Z", undefined, "T4", "registration"],
      ["Science", "2026-06-08T08:00:00.000Z", "9A/Sc2", "Lab 1", "lesson"],
      ["Free period", "2026-06-08T09:20:00.000Z", undefined, undefined, "free"],
      ["Science", "2026-06-08T10:20:00.000Z", "8D/Sc", "Lab 3", "lesson"],
    ]);
    expect(r.items.some((i) => i.title === "Cover" && i.group === "7F/Ma1")).toBe(true);
    // The break row is not a period.
    expect(
      r.items.some((i) => iso(i.start).endsWith("09:00:00.000Z") && iso(i.start).startsWith("2026-06-08")),
    ).toBe(false);
  });

  it("asks for the mapping when it is not sure, and reads exactly with the teacher's answer", () => {
    const html = fixture("html-table/no-axes.html");
    const asked = readPage(input(url, { html }));
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    expect(asked.reason).toMatch(/confirm/);
    expect(asked.proposal?.days.slice(0, 3)).toEqual(["", "2026-06-08", "2026-06-09"]);
    const answered = ok(
      readPage(
        input(
          url,
          { html },
          {
            tableMapping: {
              days: asked.proposal!.days,
              periods: [
                { start: "09:00", end: "10:00" },
                { start: "10:00", end: "11:00" },
              ],
            },
          },
        ),
      ),
    );
    const lessons = answered.items.filter((i) => i.hint === "lesson");
    expect(lessons.map((i) => [i.title, iso(i.start)])).toEqual([
      ["Science 9A/Sc2", "2026-06-08T08:00:00.000Z"],
      ["Science 11C/Sc3", "2026-06-09T09:00:00.000Z"],
      ["Science 10B/Sc1", "2026-06-10T08:00:00.000Z"],
      ["Science 11C/Sc3", "2026-06-12T09:00:00.000Z"],
    ]);
  });

  it("refuses a sign-in page and a page with no table", () => {
    expect(readPage(input(url, { html: fixture("pages/sign-in.html") })).ok).toBe(false);
  });
});

describe("wall clock to instants", () => {
  it("follows the zone across a clock change", () => {
    expect(iso(zonedInstant(London, "2026-10-24", 9 * 60))).toBe("2026-10-24T08:00:00.000Z");
    expect(iso(zonedInstant(London, "2026-10-26", 9 * 60))).toBe("2026-10-26T09:00:00.000Z");
    expect(iso(zonedInstant("Pacific/Auckland", "2026-09-28", 9 * 60))).toBe("2026-09-27T20:00:00.000Z");
  });
});
