import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runReadPage } from "./read-page";

const ROOT = new URL("..", import.meta.url).pathname;
const FIXTURES = join(ROOT, "src/ingest/pages/fixtures");
const tmp = mkdtempSync(join(tmpdir(), "read-page-test-"));

/** The command in this process (each tsx process takes seconds on a busy machine). */
function readPage(...args: string[]) {
  return runReadPage(args);
}

/** Runs the command as `npm run read-page` does (tsx), in its own process. */
function readPageProcess(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/read-page.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectRefusal(
  result: { status: number | null; stdout: string; stderr: string },
  pattern: RegExp,
): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe("npm run read-page", { timeout: 60_000 }, () => {
  it("runs as its own process: output on stdout and exit 0, or one line on stderr and exit 2", () => {
    const ok = readPageProcess(
      "--url",
      "https://x.uk.arbor.sc/",
      join(FIXTURES, "arbor/my-calendar-week.html"),
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).site).toBe("arbor");
    expectRefusal(
      readPageProcess("--url", "https://x.uk.arbor.sc/", join(FIXTURES, "arbor/expired-session.html")),
      /session has ended/,
    );
  });

  it("reads a saved Edulink answer into items with ISO instants", () => {
    const r = readPage(
      "--url",
      "https://www.edulinkone.com/#!/timetable",
      join(FIXTURES, "edulink/employee/EduLink.Timetable.json"),
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.site).toBe("edulink");
    expect(out.items[0]).toEqual({
      title: "Science 10y/Sc2",
      start: "2016-06-13T08:15:00.000Z",
      end: "2016-06-13T09:15:00.000Z",
      location: "Science Lab 1",
      group: "10y/Sc2",
    });
    expect(out.warnings).toEqual([]);
  });

  it("reads a saved Arbor page in the zone given, and a Class Charts answer with a trailing comma", () => {
    const arbor = readPage(
      "--url",
      "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/",
      "--time-zone",
      "Europe/London",
      join(FIXTURES, "arbor/my-calendar-week.html"),
    );
    expect(arbor.status).toBe(0);
    expect(JSON.parse(arbor.stdout).items[3].start).toBe("2026-10-26T08:40:00.000Z");
    const cc = readPage(
      "--url",
      "https://www.classcharts.com/",
      join(FIXTURES, "classcharts/lessons.EXTRACTED.json"),
    );
    expect(cc.status).toBe(0);
    expect(JSON.parse(cc.stdout).items).toHaveLength(7);
  });

  it("reads a table page as the week of --today", () => {
    const r = readPage(
      "--url",
      "https://cloudmis.bromcom.com/Nucleus/x.aspx",
      "--today",
      "2026-06-10",
      join(FIXTURES, "html-table/sims-week.html"),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([
      "The table shows no dates: it was read as the week of 2026-06-08.",
    ]);
  });

  it("exits 2 with one line and no output for a page it cannot read", () => {
    expectRefusal(
      readPage(
        "--url",
        "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/",
        join(FIXTURES, "arbor/expired-session.html"),
      ),
      /^Could not read this page: .*session has ended/,
    );
    expectRefusal(
      readPage("--url", "https://calendar.google.com/calendar/r/week", join(FIXTURES, "pages/sign-in.html")),
      /sign in/,
    );
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{ nope");
    expectRefusal(readPage("--url", "https://www.edulinkone.com/", broken), /not valid JSON/);
    expectRefusal(readPage(join(FIXTURES, "pages/sign-in.html")), /No --url/);
    expectRefusal(
      readPage("--url", "https://www.edulinkone.com/", "--time-zone", "Mars/Olympus", broken),
      /time zone/,
    );
    expectRefusal(readPage("--url", "https://www.edulinkone.com/", join(tmp, "missing.json")), /Cannot read/);
  });
});
