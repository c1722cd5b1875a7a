import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { workItemSchema } from "../model/schema";
import { runAudit } from "./audit";
import { parseIcs } from "./ics";
import { eventsToItems, needsConfirmation, trainingDaysFrom } from "./to-items";
import { localDate, resolveTzid } from "./timezones";

const DEMO = readFileSync(new URL("../../demo/teacher-term.ics", import.meta.url), "utf8");
const YEAR = { start: Date.UTC(2026, 7, 31, 23), end: Date.UTC(2027, 7, 31, 23) };
const NOW = Date.UTC(2026, 10, 26, 12);

describe("eventsToItems", () => {
  const { events } = parseIcs(DEMO, { window: YEAR, defaultZone: "Europe/London" });
  const items = eventsToItems(events, "src1", [], NOW);

  it("makes valid items with stable ids", () => {
    for (const item of items) expect(workItemSchema.safeParse(item).success).toBe(true);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const again = eventsToItems(
      parseIcs(DEMO, { window: YEAR, defaultZone: "Europe/London" }).events,
      "src1",
      [],
      NOW,
    );
    expect(again.map((i) => i.id)).toEqual(items.map((i) => i.id));
    const cover = items.find((i) => i.title === "Cover 8B2 for JSM")!;
    expect(cover.id).toMatch(/^src1:.+:2026-10-13T11:10:00.000Z$/);
    expect(cover).toMatchObject({ kind: "cover", directed: true, confirmed: false, firstSeen: NOW });
  });

  it("lists low-confidence items for confirmation, and a teacher rule confirms them", () => {
    const asked = new Set(items.filter(needsConfirmation).map((i) => i.title));
    expect(asked).toEqual(new Set(["Line management", "Catch-up with HoD"]));
    const ruled = eventsToItems(
      events,
      "src1",
      [{ contains: "line management", kind: "meeting", directed: true }],
      NOW,
    );
    const line = ruled.find((i) => i.title === "Line management")!;
    expect(line).toMatchObject({ confirmed: true, confidence: 1, kind: "meeting" });
    expect(needsConfirmation(line)).toBe(false);
  });

  it("reads INSET all-day items as training days", () => {
    expect(trainingDaysFrom(items, (t) => localDate(t, "Europe/London"))).toEqual(["2026-09-01"]);
  });
});

describe("resolveTzid", () => {
  it("maps IANA, prefixed, Windows and display names", () => {
    expect(resolveTzid("Europe/London")).toEqual({ zone: "Europe/London", how: "iana" });
    expect(resolveTzid("/mozilla.org/20050126_1/Europe/London")?.zone).toBe("Europe/London");
    expect(resolveTzid("GMT Standard Time")).toEqual({ zone: "Europe/London", how: "windows" });
    expect(resolveTzid("New Zealand Standard Time")?.zone).toBe("Pacific/Auckland");
    expect(resolveTzid("(UTC+12:00) Auckland, Wellington")?.zone).toBe("Pacific/Auckland");
    expect(resolveTzid("(UTC) Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London")?.how).toBe(
      "display-name",
    );
    expect(resolveTzid("(UTC-05:00) Eastern Time (US & Canada)")?.zone).toBe("America/New_York");
    expect(resolveTzid("(UTC+05:30) Somewhere Unlisted")).toEqual({ zone: "UTC+05:30", how: "fixed-offset" });
    expect(resolveTzid("Customized Time Zone")).toBeUndefined();
  });
});

describe("runAudit", () => {
  it("reports the demo term as the CLI does", () => {
    const report = runAudit([{ name: "term.ics", text: DEMO }], { jurisdiction: "england" }, { now: NOW });
    expect(report.year.start).toBe("2026-09-01");
    expect(report.weeks[0]?.start).toBe("2026-08-31");
    expect(report.unconfirmed.map((q) => q.title)).toEqual(["Line management", "Catch-up with HoD"]);
    expect(report.warnings).toEqual([]);
  });

  it("counts a calendar given twice once, and says which file repeats which", () => {
    const once = runAudit([{ name: "term.ics", text: DEMO }], { jurisdiction: "england" }, { now: NOW });
    const twice = runAudit(
      [
        { name: "term.ics", text: DEMO },
        { name: "feed-copy.ics", text: DEMO },
      ],
      { jurisdiction: "england" },
      { now: NOW },
    );
    expect(twice.year).toEqual(once.year);
    expect(twice.weeks).toEqual(once.weeks);
    expect(twice.warnings).toHaveLength(1);
    expect(twice.warnings[0]).toMatch(
      /^feed-copy\.ics repeats \d+ events of term\.ics; each was counted once, from term\.ics/,
    );
  });

  it("says so when nothing falls in the academic year", () => {
    const report = runAudit(
      [{ name: "term.ics", text: DEMO }],
      { academicYearStart: "2020-09-01" },
      { now: NOW },
    );
    expect(report.warnings.join(" ")).toMatch(
      /No timed entries fall in the academic year starting 2020-09-01/,
    );
  });
});
