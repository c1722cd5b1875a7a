import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

describe("Northern Ireland pack", () => {
  const profile = makeProfile({ jurisdiction: "northern-ireland", academicYearStart: "2025-08-01" });
  const z = profile.timeZone;

  it("ni.ppa: cover booked over PPA is a breach", () => {
    const items = [
      makeItem(z, "ppa", "2025-11-18", "10:00", "11:00"),
      makeItem(z, "cover", "2025-11-18", "10:00", "11:00", { title: "Cover 10B" }),
    ];
    const e = evaluate(items, profile, { now: Date.UTC(2025, 11, 1) });
    const f = e.findings.filter((x) => x.rule === "ni.ppa");
    expect(f.map((x) => x.severity)).toEqual(["breach"]);
    expect(f[0]!.end - f[0]!.start).toBe(60 * 60_000);
  });

  it("ni.ppa: a finished year with less than 10% of the budget as PPA", () => {
    // 1265 h × 10% = 126 h 30 min due; 45 weekly hours of PPA given.
    const items = [];
    for (let w = 0; w < 45; w++) {
      const d = new Date(Date.UTC(2025, 8, 1 + w * 7)).toISOString().slice(0, 10);
      items.push(makeItem(z, "ppa", d, "10:00", "11:00"));
    }
    const e = evaluate(items, profile, { now: Date.UTC(2026, 7, 15) });
    const f = e.findings.find((x) => x.rule === "ni.ppa")!;
    expect(f.message).toContain("PPA this year came to 45 h");
    expect(f.message).toContain("(126 h 30 min)");
  });

  it("ni.week.pace: a week above 32.4 directed hours is advice about pace, never a breach", () => {
    const items = ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"].map((d) =>
      makeItem(z, "lesson", d, "08:30", "15:30"),
    );
    const e = evaluate(items, profile, { now: Date.UTC(2025, 11, 1) });
    const f = e.findings.filter((x) => x.rule === "ni.week.pace");
    expect(f.map((x) => [x.severity, x.force])).toEqual([["info", "U"]]);
    expect(f[0]!.message).toContain("Directed time this week is 35 h, above the pace of 32 h 24 min");
  });
});
