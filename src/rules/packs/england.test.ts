import { describe, expect, it } from "vitest";
import { evaluate } from "../engine";
import { makeItem, makeProfile } from "../../../testing/test-items";

const NOW = Date.UTC(2026, 6, 31);

describe("England pack", () => {
  const profile = makeProfile({
    jurisdiction: "england",
    academicYearStart: "2025-09-01",
    unionOverlay: false,
  });
  const z = profile.timeZone;

  it("eng.weekend: directed work on a Saturday or on a holiday on the calendar", () => {
    const holiday = {
      ...makeItem(z, "holiday", "2026-05-04", "00:00", "23:59", { title: "Bank holiday" }),
      allDay: true,
    };
    const items = [
      makeItem(z, "meeting", "2025-11-22", "10:00", "12:00", { title: "Open morning" }),
      makeItem(z, "meeting", "2026-05-04", "10:00", "11:00", { title: "Revision session" }),
      holiday,
    ];
    const e = evaluate(items, profile, { now: NOW });
    const weekend = e.findings.filter((f) => f.rule === "eng.weekend");
    expect(weekend.map((f) => f.message.split(";")[0])).toEqual([
      '"Open morning" is directed on 2025-11-22, a Saturday',
      '"Revision session" is directed on 2026-05-04, a holiday on your calendar',
    ]);
    expect(e.year.directedMinutes).toBe(180);
  });
});
