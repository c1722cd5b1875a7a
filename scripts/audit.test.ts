import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
const COPIED = join(ROOT, "fixtures/ics");
const PROJECT = join(ROOT, "e2e/fixtures/ics");
const DEMO = join(ROOT, "demo/teacher-term.ics");
const tmp = mkdtempSync(join(tmpdir(), "audit-test-"));

function profileFile(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const england = profileFile("england.json", JSON.stringify({ jurisdiction: "england" }));

/** Runs the CLI as `npm run audit` does (tsx), in its own process. */
function audit(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // A busy machine runs a process slowly: the test fails on what it asserts, never on the clock.
    timeout: 150_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectRefusal(result: ReturnType<typeof audit>, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe("npm run audit", { timeout: 180_000 }, () => {
  it("audits the demo term with only a jurisdiction in the profile", () => {
    const result = audit("--profile", england, DEMO);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["weeks", "year", "findings", "unconfirmed"]));
    for (const week of report.weeks) {
      expect(week.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const key of [
        "directedMinutes",
        "teachingMinutes",
        "ppaMinutes",
        "ppaLostMinutes",
        "coverCount",
        "meetingCount",
        "eveningCount",
      ]) {
        expect(typeof week[key]).toBe("number");
      }
    }
    const week = (start: string) => report.weeks.find((w: { start: string }) => w.start === start);
    // Monday-start weeks in Europe/London; a cover in the week of 12 October.
    expect(week("2026-10-12")).toMatchObject({ teachingMinutes: 21 * 60, coverCount: 1 });
    expect(week("2026-11-23")).toMatchObject({ meetingCount: 2, coverCount: 1 });
    expect(week("2026-10-26")).toMatchObject({ directedMinutes: 0 });
    expect(report.year).toMatchObject({ start: "2026-09-01", budgetMinutes: 1265 * 60 });
    const rules = report.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(["eng.cover.rarely", "eng.meetings.weekly"]));
    // Non-contact time counts with PPA, as the popup's meter shows: no week of the demo is short of 10%.
    expect(rules).not.toContain("eng.ppa.min");
    for (const f of report.findings) {
      expect(["breach", "warning", "info"]).toContain(f.severity);
      expect(f.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    }
    expect(report.unconfirmed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: "Line management",
          guess: "meeting",
          start: "2026-09-25T15:30:00+01:00",
        }),
        expect.objectContaining({ title: "Catch-up with HoD", guess: "meeting" }),
      ]),
    );
  });

  it("keeps the documented profile keys and pro-rates the budget", () => {
    const profile = profileFile(
      "part-time.json",
      JSON.stringify({
        jurisdiction: "england",
        timeZone: "Europe/London",
        fte: 0.5,
        academicYearStart: "2026-09-01",
      }),
    );
    const report = JSON.parse(audit("--profile", profile, DEMO).stdout);
    expect(report.year.budgetMinutes).toBe(1265 * 30);
  });

  it("prints a weekly table with --format text", () => {
    const result = audit("--profile", england, "--format", "text", DEMO);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Week of +Directed +Teaching +PPA +Cover +Meetings +Evenings/);
    expect(result.stdout).toContain("2026-10-12");
    expect(result.stdout).toContain('"Line management"');
  });

  it("reads every copied real-world fixture and the project variants in one run", () => {
    const files = readdirSync(COPIED, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ics"))
      .map((f) => join(COPIED, f));
    const result = audit(
      "--profile",
      england,
      ...files,
      join(PROJECT, "exchange-gmt-standard-time.ics"),
      join(PROJECT, "absurd-recurrences.ics"),
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.warnings.join(" ")).toMatch(/absurd-recurrences.ics: .*every second/);
  });

  it("lists every decision with --items, and asks once per title family", () => {
    const event = (uid: string, day: string, from: string, to: string, title: string) =>
      [
        "BEGIN:VEVENT",
        `UID:${uid}`,
        "DTSTAMP:20260901T000000Z",
        `DTSTART;TZID=Europe/London:${day}T${from}00`,
        `DTEND;TZID=Europe/London:${day}T${to}00`,
        `SUMMARY:${title}`,
        "END:VEVENT",
      ].join("\r\n");
    // Written for this test in the shapes of a SIMS timetable export and a school's Outlook calendar.
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Within Hours//audit test//EN",
      event("a", "20261005", "0850", "0950", "10X/Ma1"),
      event("b", "20261005", "1210", "1310", "Lunch 10X"),
      event("c", "20261005", "1210", "1240", "Year 8 Lunchtime Club"),
      event("d", "20261006", "0830", "0850", "Tutor 10X"),
      event("e", "20261006", "1600", "1900", "Year 9 Parents' Evening"),
      event("f", "20261007", "1530", "1630", "Pathway session 1"),
      event("g", "20261014", "1530", "1630", "Pathway session 2"),
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const file = profileFile("sims-shaped.ics", ics);
    const result = audit("--profile", england, "--items", file);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    const byTitle = new Map(report.items.map((i: { title: string }) => [i.title, i]));
    expect(report.items).toHaveLength(7);
    expect(byTitle.get("10X/Ma1")).toEqual({
      title: "10X/Ma1",
      start: "2026-10-05T08:50:00+01:00",
      end: "2026-10-05T09:50:00+01:00",
      kind: "lesson",
      directed: true,
      confidence: expect.any(Number),
      asked: false,
      source: "sims-shaped.ics",
    });
    expect(byTitle.get("Lunch 10X")).toMatchObject({ kind: "break", directed: false, asked: false });
    expect(byTitle.get("Year 8 Lunchtime Club")).toMatchObject({ kind: "extra-curricular", directed: false });
    expect(byTitle.get("Tutor 10X")).toMatchObject({ kind: "registration", directed: true });
    expect(byTitle.get("Year 9 Parents' Evening")).toMatchObject({ kind: "parents-evening", directed: true });
    expect(byTitle.get("Pathway session 2")).toMatchObject({ kind: "other", asked: true });
    expect(report.unconfirmed).toEqual([
      { title: "Pathway session 1", start: "2026-10-07T15:30:00+01:00", guess: "other", count: 2 },
    ]);
    // Without the flag the report keeps its shape.
    expect(JSON.parse(audit("--profile", england, file).stdout).items).toBeUndefined();
    expectRefusal(
      audit("--profile", england, "--items", "--format", "text", file),
      /--items is for the JSON/,
    );
  });

  it("refuses a file that is not iCalendar", () => {
    expectRefusal(
      audit("--profile", england, join(PROJECT, "garbage.ics")),
      /garbage\.ics: .*not an iCalendar/,
    );
  });

  it("refuses a truncated file, even next to a good one", () => {
    expectRefusal(
      audit("--profile", england, DEMO, join(PROJECT, "truncated.ics")),
      /truncated\.ics: .*cut short/,
    );
  });

  it("refuses a file over 20 MB without reading it", () => {
    const big = join(tmp, "big.ics");
    writeFileSync(big, "BEGIN:VCALENDAR\r\n");
    truncateSync(big, 21 * 1024 * 1024);
    expectRefusal(audit("--profile", england, big), /larger than 20 MB/);
  });

  it("refuses an invalid profile", () => {
    expectRefusal(
      audit("--profile", profileFile("mars.json", '{"jurisdiction":"mars"}'), DEMO),
      /profile is not valid: "jurisdiction"/,
    );
    expectRefusal(
      audit("--profile", profileFile("fte.json", '{"fte":2}'), DEMO),
      /profile is not valid: "fte"/,
    );
    expectRefusal(
      audit("--profile", profileFile("zone.json", '{"timeZone":"Mars/Olympus"}'), DEMO),
      /"timeZone"/,
    );
    expectRefusal(audit("--profile", profileFile("junk.json", "{nope"), DEMO), /not valid JSON/);
    expectRefusal(
      audit("--profile", profileFile("extra.json", '{"colour":"blue"}'), DEMO),
      /profile is not valid/,
    );
  });

  it("refuses missing arguments and unreadable files", () => {
    expectRefusal(audit(DEMO), /No profile given/);
    expectRefusal(audit("--profile", england), /No calendar file given/);
    expectRefusal(audit("--profile", england, join(tmp, "missing.ics")), /Cannot read the calendar file/);
    expectRefusal(audit("--profile", england, "--format", "xml", DEMO), /--format must be one of json, text/);
  });
});

describe("npm run audit --cover", { timeout: 180_000 }, () => {
  it("adds the verdict on a proposed cover: over Tuesday's PPA in the demo term is a breach", () => {
    const result = audit("--profile", england, "--cover", "2026-11-03T12:10:00Z/2026-11-03T13:10:00Z", DEMO);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(report.cover.severity).toBe("breach");
    expect(report.cover.findings.map((f: { rule: string }) => f.rule)).toEqual([
      "eng.ppa.min",
      "eng.cover.rarely",
      "eng.ppa.lost",
    ]);
    expect(Object.keys(report.cover.findings[0]).sort()).toEqual(["message", "rule", "severity"]);
    const plain = audit("--profile", england, DEMO);
    expect(JSON.parse(plain.stdout).cover).toBeUndefined();
  });

  it("refuses a cover that is not <start>/<end>", () => {
    expectRefusal(audit("--profile", england, "--cover", "tomorrow", DEMO), /--cover needs <start>\/<end>/);
    expectRefusal(
      audit("--profile", england, "--cover", "2026-11-03T13:00:00Z/2026-11-03T12:00:00Z", DEMO),
      /is not after the start/,
    );
  });
});
