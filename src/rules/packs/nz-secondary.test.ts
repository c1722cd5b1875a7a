import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

describe("New Zealand secondary pack", () => {
  const profile = makeProfile({ jurisdiction: "nz-secondary", academicYearStart: "2026-01-27" });
  const z = profile.timeZone;
  const NOW = Date.UTC(2026, 11, 1);

  it("nz.sec.noncontact: 4 hours of non-contact in a full-time week, and relief taken from it", () => {
    const items = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"].map((d) =>
      makeItem(z, "lesson", d, "09:00", "12:00"),
    );
    for (const d of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"])
      items.push(makeItem(z, "non-contact", d, "13:00", "14:00"));
    items.push(makeItem(z, "cover", "2026-03-04", "13:00", "14:00", { title: "Relief 10SCI" }));
    const e = evaluate(items, profile, { now: NOW });
    const f = e.findings.filter((x) => x.rule === "nz.sec.noncontact");
    expect(f.map((x) => x.message.split(";")[0])).toEqual([
      "Timetabled non-contact time this week is 4 h",
      'Relief "Relief 10SCI" is taken from your non-contact time, leaving 3 h of it this week (at least 5 h for a full-time teacher)',
    ]);
  });
});
