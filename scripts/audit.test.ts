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
        "coverCount",
        "meetingCount",
        "eveningCount",
      ]) {
        expect(typeof week[key]).toBe("number");
      }
    }
    const week = (start: string) => report.weeks.find((w: { start: string }) => w.start === start);
    // Monday-start weeks in Europe/London; the PPA lost to cover in the week of 12 October.
    expect(week("2026-10-12")).toMatchObject({ teachingMinutes: 21 * 60, coverCount: 1 });
    expect(week("2026-11-23")).toMatchObject({ meetingCount: 2, coverCount: 1 });
    expect(week("2026-10-26")).toMatchObject({ directedMinutes: 0 });
    expect(report.year).toMatchObject({ start: "2026-09-01", budgetMinutes: 1265 * 60 });
    const rules = report.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(["eng.ppa.min", "eng.cover.rarely", "eng.meetings.weekly"]));
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
