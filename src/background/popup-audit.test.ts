import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { runAudit } from "../ingest/audit";
import type { WithinHoursDB } from "../store/db";
import { readPopupIndex, readStoredWeek } from "../store/queries";
import { freshDb } from "../../testing/store";
import { createHandlers } from "./handlers";

/**
 * The popup and `npm run audit` agree on every figure: the same calendar imported through the background
 * (handlers, store, recount: what the popup reads) and audited from the file give the same week and year.
 */
const ICS = readFileSync(new URL("../../e2e/fixtures/ics/ledger-week-sims.ics", import.meta.url), "utf8");
const PROFILE = {
  jurisdiction: "england",
  timeZone: "Europe/London",
  academicYearStart: "2026-09-01",
  sessionEnd: "15:15",
} as const;
const NOW = Date.UTC(2026, 10, 30, 12);

const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

describe("the popup's figures and the audit's", () => {
  it("are the same for every week, the year and the findings", async () => {
    const db = freshDb();
    opened.push(db);
    const handlers = createHandlers({
      db: () => db,
      now: () => NOW,
      afterChange: async () => undefined,
      hasHostPermission: async () => false,
      removeHostPermission: async () => undefined,
      attachGuard: async () => undefined,
    });
    await handlers["profile/save"]({ type: "profile/save", profile: PROFILE });
    await handlers["source/import-ics"]({ type: "source/import-ics", name: "timetable.ics", text: ICS });

    const report = runAudit([{ name: "timetable.ics", text: ICS }], PROFILE, { now: NOW });
    const index = (await readPopupIndex(db))!;
    expect(index.year.directedMinutes).toBe(report.year.directedMinutes);
    expect(index.year.budgetMinutes).toBe(report.year.budgetMinutes);
    expect(index.year.forecastMinutes).toBe(report.year.forecastMinutes);
    expect(index.weeks.map((w) => w.start)).toEqual(report.weeks.map((w) => w.start));

    for (const week of report.weeks) {
      const shown = (await readStoredWeek(db, week.start))!;
      const meter = (id: string) => shown.view.meters.find((m) => m.id === id)!.value;
      expect(
        {
          start: week.start,
          directedMinutes: meter("directed"),
          ppaMinutes: meter("ppa"),
          coverCount: meter("cover"),
          meetingCount: meter("meetings"),
          eveningCount: meter("evenings"),
        },
        week.start,
      ).toEqual({
        start: week.start,
        directedMinutes: week.directedMinutes,
        ppaMinutes: week.ppaMinutes,
        coverCount: week.coverCount,
        meetingCount: week.meetingCount,
        eveningCount: week.eveningCount,
      });
    }

    // The week of the fixture, as the popup shows it: exact minutes and its findings, word for word.
    const shown = (await readStoredWeek(db, "2026-11-09"))!;
    const text = Object.fromEntries(shown.view.meters.map((m) => [m.id, m.text]));
    expect(text.directed).toBe("31 h 30 min (the annual budget averages 32 h 26 min a week)");
    expect(text.ppa).toBe("1 h (at least 1 h 48 min) · 1 h lost to other duties, to reinstate");
    const auditWeekFindings = report.findings
      .filter((f) => f.start < "2026-11-16" && f.end > "2026-11-09")
      .map((f) => `${f.rule} ${f.severity} ${f.message}`)
      .sort();
    expect(shown.findings.map((f) => `${f.rule} ${f.severity} ${f.message}`).sort()).toEqual(
      auditWeekFindings,
    );
    expect(auditWeekFindings.length).toBeGreaterThan(3);
  });
});
