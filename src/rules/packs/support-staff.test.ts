import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

describe("Support staff pack (Green Book)", () => {
  const profile = makeProfile({ jurisdiction: "support-staff", academicYearStart: "2025-09-01" });
  const z = profile.timeZone;

  it("support.green_book: 40 hours in a 37-hour week is 3 hours extra, owed at time and a half", () => {
    const items = ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"].map((d) =>
      makeItem(z, "duty", d, "08:00", "16:00", { title: "Teaching assistant" }),
    );
    const e = evaluate(items, profile, { now: Date.UTC(2025, 11, 1) });
    const week = e.weeks.find((w) => w.start === "2025-11-17")!;
    expect([week.workMinutes, week.weeklyLimitMinutes]).toEqual([2400, 2220]);
    expect([e.year.extraMinutes, e.year.owedMinutes]).toEqual([180, 270]);
    const f = e.findings.filter((x) => x.rule === "support.green_book");
    expect(f[0]!.message).toContain("3 h over your contracted 37 h; that is 4 h 30 min of overtime pay");
  });
});
