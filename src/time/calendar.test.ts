import { threeUkTerms } from "../rules/packs/terms";
import { describe, expect, it } from "vitest";
import { makeProfile } from "../../testing/test-items";
import { calendarFor, dayIndexOf, instantAt, localMinute, weekIndexOf, weekStartOf } from "./calendar";

const HOUR = 3_600_000;

describe("calendar across daylight-saving changes", () => {
  it("Europe/London, week of the October 2025 clock change is 169 hours long", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
    const cal = calendarFor(profile, threeUkTerms);
    const w = cal.weeks[weekIndexOf(cal, "2025-10-20")]!;
    const sunday = cal.days[w.firstDay + 6]!;
    expect(sunday.date).toBe("2025-10-26");
    expect(sunday.end - sunday.start).toBe(25 * HOUR);
    expect(sunday.uniform).toBe(false);
    expect(cal.days[w.firstDay + 7]!.start - cal.days[w.firstDay]!.start).toBe(169 * HOUR);
    // 09:00 on Monday 27 October is 09:00 UTC (GMT); 09:00 on Friday 24 October is 08:00 UTC (BST).
    expect(weekStartOf(Date.UTC(2025, 9, 27, 9), profile)).toBe("2025-10-27");
    expect(weekStartOf(Date.UTC(2025, 9, 26, 23, 30), profile)).toBe("2025-10-20");
    const fri = dayIndexOf(cal, Date.UTC(2025, 9, 24, 8));
    expect(cal.days[fri]!.date).toBe("2025-10-24");
    expect(localMinute(cal, fri, Date.UTC(2025, 9, 24, 8))).toBe(540);
  });

  it("Northern Ireland weeks start on Sunday, and wall-clock minutes on the 25-hour day are right", () => {
    const profile = makeProfile({ jurisdiction: "northern-ireland", academicYearStart: "2025-08-01" });
    expect(profile.weekStart).toBe(7);
    const cal = calendarFor(profile, threeUkTerms);
    const i = weekIndexOf(cal, "2025-10-26");
    expect(i).toBeGreaterThan(0);
    const sunday = cal.weeks[i]!.firstDay;
    // 20:00 GMT on the day the clocks went back is 1,200 wall-clock minutes, though 1,260 have elapsed.
    expect(localMinute(cal, sunday, Date.UTC(2025, 9, 26, 20))).toBe(1200);
    expect(instantAt(cal, sunday, 1200)).toBe(Date.UTC(2025, 9, 26, 20));
    expect(weekStartOf(Date.UTC(2025, 9, 26, 20), profile)).toBe("2025-10-26");
  });

  it("Pacific/Auckland, the April 2026 change inside NZ term 1", () => {
    const profile = makeProfile({ jurisdiction: "nz-secondary", academicYearStart: "2026-01-27" });
    const cal = calendarFor(profile, threeUkTerms);
    const d = cal.days.findIndex((x) => x.date === "2026-04-05");
    expect(cal.days[d]!.end - cal.days[d]!.start).toBe(25 * HOUR);
    // Monday 6 April 09:00 NZST (UTC+12) is 21:00 UTC on 5 April.
    const mon = dayIndexOf(cal, Date.UTC(2026, 3, 5, 21));
    expect(cal.days[mon]!.date).toBe("2026-04-06");
    expect(localMinute(cal, mon, Date.UTC(2026, 3, 5, 21))).toBe(540);
    // September: clocks go forward, a 23-hour day.
    const sep = cal.days.findIndex((x) => x.date === "2026-09-27");
    expect(cal.days[sep]!.end - cal.days[sep]!.start).toBe(23 * HOUR);
  });

  it("covers the academic year in whole weeks and gives approximate terms when none are set", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2026-09-01" });
    const cal = calendarFor(profile, threeUkTerms);
    expect(cal.weeks[0]!.start).toBe("2026-08-31");
    expect(cal.days.length % 7).toBe(0);
    expect(cal.days[cal.days.length - 1]!.date >= "2027-08-31").toBe(true);
    expect(cal.approximateTerms).toBe(true);
    expect(cal.terms.map((t) => t.name)).toEqual(["Autumn term", "Spring term", "Summer term"]);
  });
});
