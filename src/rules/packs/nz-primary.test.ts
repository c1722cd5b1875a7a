import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

describe("New Zealand primary pack", () => {
  const profile = makeProfile({ jurisdiction: "nz-primary", academicYearStart: "2026-01-28" });
  const z = profile.timeZone;

  it("nz.pri.release: a finished term with 20 of its 25 hours of release time", () => {
    const items = [];
    // Ten weeks of Term 1 (approximate: to 14 April), two hours of release a week.
    for (let w = 0; w < 10; w++) {
      const d = new Date(Date.UTC(2026, 1, 2 + w * 7)).toISOString().slice(0, 10);
      items.push(makeItem(z, "ppa", d, "13:00", "15:00", { title: "CRT release" }));
    }
    const e = evaluate(items, profile, { now: Date.UTC(2026, 4, 1) });
    const f = e.findings.filter((x) => x.rule === "nz.pri.release");
    expect(f.map((x) => x.message.split(";")[0])).toEqual(["Term 1 gave you 20 h of classroom release time"]);
    expect(f[0]!.message).toContain("the entitlement is 25 h a term");
  });

  it("starts the year on 28 January and counts weeks from Monday", () => {
    const e = evaluate([], makeProfile({ jurisdiction: "nz-primary" }), { now: Date.UTC(2026, 4, 1) });
    expect(e.year.start.slice(5)).toBe("01-28");
  });
});
