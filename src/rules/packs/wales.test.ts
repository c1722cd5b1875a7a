import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

const NOW = Date.UTC(2026, 6, 31);

describe("Wales pack", () => {
  const profile = makeProfile({ jurisdiction: "wales", academicYearStart: "2025-09-01" });
  const z = profile.timeZone;

  it("checks PPA and lunch under the Welsh ids, citing the Welsh document", () => {
    const items = ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"].map((d) =>
      makeItem(z, "lesson", d, "09:00", "12:20"),
    );
    items.push(makeItem(z, "ppa", "2025-11-17", "13:00", "14:30"));
    items.push(makeItem(z, "duty", "2025-11-18", "12:20", "14:00", { title: "Lunch duty" }));
    const e = evaluate(items, profile, { now: NOW });
    const rules = e.findings.map((f) => f.rule).sort();
    expect(rules).toEqual(["wal.lunch", "wal.ppa.min"]);
    const ppa = e.findings.find((f) => f.rule === "wal.ppa.min")!;
    expect(ppa.message).toContain("PPA is 1 h 30 min against 16 h 40 min");
    expect(ppa.source).toContain("School Teachers' Pay and Conditions (Wales) Document");
    expect(e.findings.find((f) => f.rule === "wal.lunch")!.source).toContain("para. 51.2");
  });

  it("budgets 1265 hours under wal.directed.annual and flags cover under wal.cover.rarely", () => {
    const e = evaluate(
      [makeItem(z, "cover", "2025-11-18", "10:00", "11:00", { title: "Cover 9X2" })],
      profile,
      { now: NOW },
    );
    expect(e.year.budgetRule).toBe("wal.directed.annual");
    expect(e.year.budgetMinutes).toBe(75900);
    expect(e.findings.map((f) => f.rule)).toEqual(["wal.cover.rarely"]);
  });

  it("raises routine admin under wal.admin", () => {
    const e = evaluate(
      [makeItem(z, "meeting", "2025-11-18", "15:30", "16:00", { title: "Photocopying for Year 8" })],
      { ...profile, unionOverlay: false },
      { now: NOW },
    );
    expect(e.findings.map((f) => f.rule)).toEqual(["wal.admin"]);
  });
});
