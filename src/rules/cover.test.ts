import { describe, expect, it } from "vitest";
import type { Profile, WorkItem } from "../model";
import { CoverChecker, coverItem, coverLedgerOf, coverVerdict } from "./cover";
import { localInstant, makeItem, makeProfile } from "../../testing/test-items";

const NOW = Date.UTC(2026, 6, 31);

/** A teaching week: lessons 09:00–12:00 and 13:00–14:00 each day, PPA on Monday 14:00–15:00, Tuesday 14:00–15:00 free. */
function ukWeek(profile: Profile, monday: string, days: string[]): WorkItem[] {
  const z = profile.timeZone;
  const items: WorkItem[] = [];
  for (const date of days) {
    items.push(makeItem(z, "lesson", date, "09:00", "12:00"), makeItem(z, "lesson", date, "13:00", "14:00"));
  }
  items.push(makeItem(z, "ppa", monday, "14:00", "15:00", { title: "PPA" }));
  return items;
}

const slot = (profile: Profile, date: string, from: string, to: string, extra = {}) => ({
  start: localInstant(profile.timeZone, `${date}T${from}`),
  end: localInstant(profile.timeZone, `${date}T${to}`),
  ...extra,
});

const rules = (v: { findings: { rule: string; severity: string }[] }) =>
  v.findings.map((f) => `${f.rule}:${f.severity}`);

describe("cover verdict: England", () => {
  const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
  const days = ["2025-11-10", "2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14"];
  const items = ukWeek(profile, "2025-11-10", days);

  it("a cover over PPA is a breach citing eng.ppa.min, with its force and source", () => {
    const v = coverVerdict(
      slot(profile, "2025-11-10", "14:00", "15:00", { reason: "unplanned", classCode: "9X2" }),
      items,
      profile,
      { now: NOW },
    );
    expect(v.severity).toBe("breach");
    expect(rules(v)).toEqual(["eng.ppa.min:breach", "eng.cover.rarely:warning", "eng.ppa.lost:warning"]);
    const ppa = v.findings[0]!;
    expect(ppa.force).toBe("C");
    expect(ppa.source).toContain("School Teachers' Pay and Conditions Document 2025");
    expect(ppa.message).toContain('"Cover 9X2" is booked over your PPA');
    expect(v.facts!.ppaLostMinutes).toBe(60);
    expect(v.reasons).toContain("It would take 1 h of your PPA or non-contact time.");
  });

  it("a cover in a free non-PPA period is a warning citing eng.cover.rarely", () => {
    const v = coverVerdict(
      slot(profile, "2025-11-11", "14:00", "15:00", {
        reason: "unplanned",
        requestedAt: NOW_DAY("2025-11-11"),
      }),
      items,
      profile,
      { now: NOW },
    );
    expect(v.severity).toBe("warning");
    expect(v.ok).toBe(true);
    expect(rules(v)).toEqual(["eng.cover.rarely:warning"]);
    expect(v.findings[0]!.message).toContain(
      "teachers should cover only rarely. This is cover number 1 in the",
    );
    expect(v.reasons.join(" ")).toContain("It would be your 1st cover this week");
    expect(v.reasons.join(" ")).toContain("Directed time this week would be 22 h");
  });

  it("a planned reason, or a request days ahead, makes it foreseeable: a breach", () => {
    const course = coverVerdict(
      slot(profile, "2025-11-11", "14:00", "15:00", { reason: "planned-course" }),
      items,
      profile,
      { now: NOW },
    );
    expect(rules(course)).toEqual(["eng.cover.rarely:breach"]);
    expect(course.findings[0]!.message).toContain("the absence is a planned course");
    expect(course.facts!.foreseeable).toBe("the absence is a planned course");

    const ahead = coverVerdict(
      slot(profile, "2025-11-11", "14:00", "15:00", {
        reason: "unknown",
        requestedAt: NOW_DAY("2025-11-04"),
      }),
      items,
      profile,
      { now: NOW },
    );
    expect(rules(ahead)).toEqual(["eng.cover.rarely:breach"]);
    expect(ahead.findings[0]!.message).toContain("asked for 7 days ahead");
  });

  it("the same slot recurring looks foreseeable, and counts as the Nth this term", () => {
    const z = profile.timeZone;
    const earlier = makeItem(z, "cover", "2025-11-04", "14:00", "15:00", { title: "Cover 8Y1" });
    const v = coverVerdict(slot(profile, "2025-11-11", "14:00", "15:00"), [...items, earlier], profile, {
      now: NOW,
    });
    expect(rules(v)).toEqual(["eng.cover.rarely:breach"]);
    expect(v.facts!.foreseeable).toBe("it recurs at the same time");
    expect(v.facts!.nthThisTerm).toBe(2);
    expect(v.facts!.nthThisWeek).toBe(1);
  });

  it("the checker gives the same verdict on every check and leaves the week as it was", () => {
    const checker = new CoverChecker(items, profile, { now: NOW });
    const a = checker.check(slot(profile, "2025-11-10", "14:00", "15:00"));
    checker.check(slot(profile, "2025-11-11", "14:00", "15:00"));
    const b = checker.check(slot(profile, "2025-11-10", "14:00", "15:00"));
    expect(b).toEqual(a);
    expect(checker.check(slot(profile, "2025-11-11", "15:00", "14:00")).reasons[0]).toContain(
      "end is not after",
    );
  });
});

function NOW_DAY(date: string): number {
  return localInstant("Europe/London", `${date}T08:00`);
}

describe("cover verdict: Wales", () => {
  it("cites the Welsh document for the same rules", () => {
    const profile = makeProfile({ jurisdiction: "wales", academicYearStart: "2025-09-01" });
    const items = ukWeek(profile, "2025-11-10", ["2025-11-10", "2025-11-11"]);
    const v = coverVerdict(slot(profile, "2025-11-10", "14:00", "15:00"), items, profile, { now: NOW });
    // Two days of lessons: far less than the contract implies, so the PPA ratio is not checked (info).
    expect(rules(v)).toEqual([
      "wal.ppa.min:breach",
      "eng.ppa.lost:warning",
      "wal.cover.rarely:warning",
      "wal.ppa.min:info",
    ]);
    expect(v.findings[0]!.source).toContain("(Wales)");
  });
});

describe("cover verdict: Northern Ireland", () => {
  const profile = makeProfile({ jurisdiction: "northern-ireland", academicYearStart: "2025-09-01" });

  it("a cover over PPA is a breach citing ni.ppa", () => {
    const items = ukWeek(profile, "2025-11-10", ["2025-11-10"]);
    const v = coverVerdict(slot(profile, "2025-11-10", "14:00", "15:00"), items, profile, { now: NOW });
    expect(rules(v)).toEqual(["ni.ppa:breach"]);
    expect(v.findings[0]!.source).toContain("TNC 2020/1");
  });

  it("a cover past 23.5 h of class teaching is a breach citing ni.teaching.max", () => {
    const z = profile.timeZone;
    // NI weeks start on Sunday: 9 November 2025.
    const items: WorkItem[] = [];
    for (const date of ["2025-11-10", "2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14"]) {
      items.push(
        makeItem(z, "lesson", date, "09:00", "12:00"),
        makeItem(z, "lesson", date, "13:00", "14:30"),
      );
    }
    const v = coverVerdict(slot(profile, "2025-11-14", "14:30", "16:00"), items, profile, { now: NOW });
    expect(v.severity).toBe("breach");
    expect(rules(v)).toEqual(["ni.teaching.max:breach"]);
    expect(v.facts!.contactMinutes).toBe(24 * 60);
  });
});

describe("cover verdict: Scotland", () => {
  const profile = makeProfile({ jurisdiction: "scotland", academicYearStart: "2025-08-01" });
  const z = profile.timeZone;
  const items: WorkItem[] = [];
  for (const date of ["2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07"]) {
    items.push(makeItem(z, "lesson", date, "09:00", "12:00"), makeItem(z, "lesson", date, "13:00", "14:00"));
  }
  items.push(makeItem(z, "non-contact", "2025-11-05", "14:00", "15:30"));

  it("a please take that pushes the week past 22.5 h is a breach citing sco.contact.max", () => {
    const within = coverVerdict(slot(profile, "2025-11-04", "14:00", "16:00"), items, profile, { now: NOW });
    expect(within.severity).toBe("ok");
    expect(within.facts!.contactMinutes).toBe(22 * 60);
    const past = coverVerdict(
      slot(profile, "2025-11-06", "14:00", "16:00"),
      [...items, makeItem(z, "cover", "2025-11-04", "14:00", "16:00")],
      profile,
      { now: NOW },
    );
    expect(past.severity).toBe("breach");
    expect(rules(past)).toEqual(["sco.contact.max:breach"]);
    expect(past.findings[0]!.message).toContain("24 h");
    expect(past.reasons.join(" ")).toContain(
      "Class contact this week would be 24 h of a maximum 22 h 30 min",
    );
  });

  it("a please take in non-contact time breaks sco.cover.distribution", () => {
    const v = coverVerdict(slot(profile, "2025-11-05", "14:00", "15:00"), items, profile, { now: NOW });
    expect(rules(v)).toEqual(["sco.cover.distribution:breach"]);
  });

  it("a local limit of please takes a week (sco.please_take)", () => {
    const limited = makeProfile({
      jurisdiction: "scotland",
      academicYearStart: "2025-08-01",
      overrides: { "sco.please_take": { weeklyLimit: 1 } },
    });
    const v = coverVerdict(
      slot(limited, "2025-11-06", "14:00", "15:00"),
      [...items, makeItem(z, "cover", "2025-11-04", "14:00", "15:00")],
      limited,
      { now: NOW },
    );
    expect(rules(v)).toEqual(["sco.please_take:warning"]);
  });
});

describe("cover verdict: New Zealand secondary", () => {
  const profile = makeProfile({ jurisdiction: "nz-secondary", academicYearStart: "2026-01-27" });
  const z = profile.timeZone;
  const items: WorkItem[] = [];
  for (const date of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]) {
    items.push(
      makeItem(z, "lesson", date, "09:00", "10:30"),
      makeItem(z, "lesson", date, "10:45", "12:15"),
      makeItem(z, "non-contact", date, "14:00", "15:00"),
    );
  }

  it("a relief that eats the week's non-contact time is a warning citing nz.sec.noncontact", () => {
    const v = coverVerdict(slot(profile, "2026-03-04", "14:00", "15:00"), items, profile, { now: NOW });
    expect(v.severity).toBe("warning");
    expect(rules(v)).toEqual(["nz.sec.noncontact:warning"]);
    const f = v.findings[0]!;
    expect(f.message).toContain(
      "is taken from your non-contact time, leaving 4 h of it this week (at least 5 h",
    );
    expect(f.message).toContain("compensation");
    expect(f.source).toContain("5.1A.1(d)");
    expect(v.facts!.ppaLostMinutes).toBe(60);
  });

  it("a relief past the contact maximum is a breach", () => {
    const more = [...items];
    for (const date of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]) {
      more.push(makeItem(z, "lesson", date, "13:00", "14:00"));
    }
    const v = coverVerdict(slot(profile, "2026-03-06", "15:00", "16:00"), more, profile, { now: NOW });
    // Contact over 20 h, and timetabled time over 25 h.
    expect(rules(v)).toEqual(["nz.sec.contact:breach", "nz.sec.contact:breach"]);
    expect(v.findings.map((f) => f.message.slice(0, 40))).toEqual([
      "Timetabled contact this week is 21 h; yo",
      "Timetabled hours this week are 26 h; the",
    ]);
  });
});

describe("cover ledger", () => {
  const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
  const z = profile.timeZone;

  it("counts occasions and hours per week, term and year, the foreseeable ones and the PPA lost", () => {
    const items = [
      makeItem(z, "ppa", "2025-11-10", "14:00", "15:00"),
      coverItem({ ...slot(profile, "2025-11-10", "14:00", "15:00"), reason: "unplanned" }, "c1", "manual"),
      coverItem({ ...slot(profile, "2025-11-12", "09:00", "10:30"), reason: "planned-trip" }, "c2", "manual"),
      makeItem(z, "cover", "2026-01-14", "11:00", "12:00", { title: "Cover 7A" }),
    ];
    const ledger = coverLedgerOf(items, profile, { now: NOW });
    expect(ledger.year).toEqual({ occasions: 3, minutes: 210, foreseeable: 1, ppaLostMinutes: 60 });
    expect(ledger.weeks).toEqual([
      { start: "2025-11-10", occasions: 2, minutes: 150, foreseeable: 1, ppaLostMinutes: 60 },
      { start: "2026-01-12", occasions: 1, minutes: 60, foreseeable: 0, ppaLostMinutes: 0 },
    ]);
    expect(ledger.terms.filter((t) => t.occasions > 0).map((t) => [t.occasions, t.minutes])).toEqual([
      [2, 150],
      [1, 60],
    ]);
  });
});
