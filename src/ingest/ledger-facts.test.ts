import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runAudit } from "./audit";

/**
 * The ledger's facts (issue 12), in exact minutes, on a project-made calendar in the shape of a SIMS export
 * (e2e/fixtures/ics/ledger-week-sims.ics): a week of lessons with PPA on Tuesday and Wednesday, a cover booked
 * over Tuesday's PPA, a department meeting 15:20–16:20, a parents' evening 16:30–19:00, and an all-day INSET
 * day on Friday. The pupils' day ends at 15:15; the school day runs 08:30–16:30 (the England defaults).
 */
const ICS = readFileSync(new URL("../../e2e/fixtures/ics/ledger-week-sims.ics", import.meta.url), "utf8");
const PROFILE = {
  jurisdiction: "england",
  timeZone: "Europe/London",
  academicYearStart: "2026-09-01",
  sessionEnd: "15:15",
};
const NOW = Date.UTC(2026, 10, 30, 12);

function audit(text = ICS) {
  return runAudit([{ name: "timetable.ics", text }], PROFILE, { now: NOW });
}

describe("the ledger's facts on a SIMS-shaped week", () => {
  const report = audit();
  const week = report.weeks.find((w) => w.start === "2026-11-09")!;

  it("counts the week in exact minutes", () => {
    expect(week).toEqual({
      start: "2026-11-09",
      // Mon 300, Tue 360 (the cover and the PPA under it once, the meeting 60), Wed 300, Thu 450, Fri 480.
      directedMinutes: 1890,
      // 18 lessons and one cover of an hour.
      teachingMinutes: 1140,
      // Wednesday's PPA; Tuesday's was taken by the cover and is to be reinstated.
      ppaMinutes: 60,
      ppaLostMinutes: 60,
      coverCount: 1,
      meetingCount: 1,
      // Tuesday (a meeting ending 16:20, after the pupils' day) and Thursday (parents' evening).
      eveningCount: 2,
    });
  });

  it("counts an all-day INSET day as a school day, in the year and in the forecast", () => {
    expect(report.year.directedMinutes).toBe(1890);
    // Five past directed days at 378 min each; 190 more of the 195 to come at that rate.
    expect(report.year.forecastMinutes).toBe(1890 + 378 * 190);
    // The same calendar with its INSET day moved out of the academic year.
    const withoutInset = audit(ICS.replace("VALUE=DATE:20261113", "VALUE=DATE:20271113"));
    expect(withoutInset.year.directedMinutes).toBe(1890 - 480);
  });

  it("raises the PPA shortfall once per week, with the lost PPA to reclaim", () => {
    const ppa = report.findings.filter((f) => f.rule === "eng.ppa.min" || f.rule === "eng.ppa.lost");
    expect(ppa.map((f) => `${f.rule} ${f.severity} ${f.start.slice(0, 10)}`)).toEqual([
      "eng.ppa.min breach 2026-11-09",
      "eng.ppa.min breach 2026-11-10",
      "eng.ppa.lost warning 2026-11-10",
    ]);
    // The ratio counts the PPA that is left (1 h) against the timetabled lessons (18 h), as the popup does.
    expect(ppa[0]!.message).toContain("PPA is 1 h against 18 h of timetabled teaching");
    expect(ppa[2]!.message).toContain("1 h of your PPA on 2026-11-10 is displaced by");
  });

  it("never shows the weekly pace of the 1265-hour budget as a limit or a breach", () => {
    expect(report.findings.filter((f) => f.rule === "eng.directed.annual")).toEqual([]);
  });
});
