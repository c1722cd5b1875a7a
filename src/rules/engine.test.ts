import { describe, expect, it } from "vitest";
import type { WorkItem } from "../model";
import { weekIndexOf } from "../time";
import { PRESETS, calendarOf, listRules } from "./catalogue";
import { coverVerdict } from "./cover";
import { Ledger, evaluate } from "./engine";
import { weekSummary } from "./summary";
import { localInstant, makeItem, makeProfile } from "../../testing/test-items";
import type { Evaluation } from "./types";

const NOW_UK = Date.UTC(2026, 6, 31);

function weekOf(e: Evaluation, start: string) {
  const w = e.weeks.find((x) => x.start === start);
  if (!w) throw new Error(`no week ${start}`);
  return w;
}
function idsIn(e: Evaluation, start: string): string[] {
  const w = weekOf(e, start);
  return e.findings
    .filter((f) => f.start >= w.startInstant && f.end <= w.endInstant)
    .map((f) => f.rule)
    .sort();
}

describe("Scotland: West Dunbartonshire agreement (seed 001)", () => {
  const preset = PRESETS.find((p) => p.id === "west-dunbartonshire")!;

  it("ships the 190 collegiate hours and their split as data", () => {
    const c = preset.overrides["sco.collegiate"]!;
    const split = Object.entries(c).filter(([k]) => k.startsWith("hours."));
    expect(split.reduce((m, [, v]) => m + Number(v), 0)).toBe(190);
    expect(c.totalHours).toBe(190);
    // Appendix 1: 39 × 35 − 5 × 5.5 − 38 × 22.5 − 39 × 7.5.
    expect(39 * 35 - 5 * 5.5 - 38 * 22.5 - 39 * 7.5).toBe(190);
    const info = listRules(
      makeProfile({
        jurisdiction: "scotland",
        academicYearStart: "2025-08-01",
        localAgreement: "west-dunbartonshire",
      }),
    );
    const rule = info.find((r) => r.id === "sco.collegiate")!;
    expect(rule.params["hours.parents-meetings"]).toBe(21);
    expect(rule.changed.some((x) => x.key === "hours.assessment-reporting" && x.by === "agreement")).toBe(
      true,
    );
  });

  it("sums collegiate time by category in exact minutes, and a teacher's override beats the agreement", () => {
    const profile = makeProfile({
      jurisdiction: "scotland",
      academicYearStart: "2025-08-01",
      localAgreement: "west-dunbartonshire",
      overrides: { "sco.collegiate": { "hours.trade-union": 4 } },
    });
    const z = profile.timeZone;
    const items = [
      makeItem(z, "parents-evening", "2025-10-01", "16:00", "19:00", { title: "S3 parents' evening" }),
      makeItem(z, "meeting", "2025-10-02", "15:45", "16:45", { title: "Staff meeting" }),
      makeItem(z, "meeting", "2025-10-07", "16:00", "17:00", { title: "EIS branch meeting" }),
      makeItem(z, "meeting", "2025-10-08", "16:00", "17:00", { title: "PRD interview" }),
      makeItem(z, "meeting", "2025-10-09", "15:45", "17:15", { title: "Moderation of S4 assessment" }),
      makeItem(z, "other", "2025-10-10", "15:45", "16:15", {
        title: "Forward planning: S1 course",
        directed: true,
      }),
    ];
    const e = evaluate(items, profile, { now: NOW_UK });
    const by = Object.fromEntries(
      e.year.collegiate.map((c) => [c.category, [c.usedMinutes, c.agreedMinutes]]),
    );
    expect(by).toMatchObject({
      "parents-meetings": [180, 1260],
      "staff-meetings": [60, 1200],
      "trade-union": [60, 240],
      prd: [60, 120],
      "assessment-reporting": [90, 3600],
      "forward-planning": [30, 1440],
      "additional-preparation": [0, 3000],
      "annex-d": [0, 600],
    });
    expect(e.year.collegiate.reduce((m, c) => m + c.usedMinutes, 0)).toBe(480);
  });

  it("a week at 22.5 h contact: one more cover would break the maximum", () => {
    const profile = makeProfile({
      jurisdiction: "scotland",
      academicYearStart: "2025-08-01",
      localAgreement: "west-dunbartonshire",
    });
    const z = profile.timeZone;
    const items: WorkItem[] = [];
    for (const date of ["2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07"]) {
      items.push(makeItem(z, "registration", date, "08:45", "09:00"));
      items.push(makeItem(z, "lesson", date, "09:00", "12:00"));
      items.push(makeItem(z, "lesson", date, "13:00", "14:15"));
    }
    items.push(makeItem(z, "non-contact", "2025-11-05", "14:15", "15:45"));
    const e = evaluate(items, profile, { now: NOW_UK });
    const w = weekOf(e, "2025-11-03");
    expect(w.contactMinutes).toBe(1350);
    expect(w.contactMaxMinutes).toBe(1350);
    expect(idsIn(e, "2025-11-03")).toEqual([]);

    const slot = { start: localInstant(z, "2025-11-06T14:15"), end: localInstant(z, "2025-11-06T15:05") };
    const v = coverVerdict(slot, items, profile, { now: NOW_UK });
    expect(v.ok).toBe(false);
    expect(v.findings.map((f) => f.rule)).toEqual(["sco.contact.max"]);
    expect(v.findings[0]!.message).toContain("23 h 20 min");
    expect(v.reasons.join(" ")).toContain(
      "Class contact this week would be 23 h 20 min of a maximum 22 h 30 min",
    );

    // Cover placed in non-contact time breaks that rule too.
    const inNonContact = coverVerdict(
      { start: localInstant(z, "2025-11-05T14:15"), end: localInstant(z, "2025-11-05T15:00") },
      items,
      profile,
      { now: NOW_UK },
    );
    expect(inNonContact.findings.map((f) => f.rule).sort()).toEqual([
      "sco.contact.max",
      "sco.cover.distribution",
    ]);
  });
});

describe("New Zealand secondary (seed 003)", () => {
  /** Five days of 3 h contact in two blocks, `extra` more after lunch, and an hour of non-contact time. */
  function week(extra: number) {
    const zone = "Pacific/Auckland";
    const items: WorkItem[] = [];
    for (const date of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]) {
      items.push(
        makeItem(zone, "lesson", date, "09:00", "10:30"),
        makeItem(zone, "lesson", date, "10:45", "12:15"),
      );
      if (extra > 0)
        items.push(makeItem(zone, "lesson", date, "13:00", `13:${String(extra).padStart(2, "0")}`));
      items.push(makeItem(zone, "non-contact", date, "14:00", "15:00"));
    }
    return items;
  }
  const now = Date.UTC(2026, 11, 1);

  it("a first-year teacher at 15.5 h contact is over the 15 h maximum", () => {
    const profile = makeProfile({
      jurisdiction: "nz-secondary",
      academicYearStart: "2026-01-27",
      role: "ect1",
    });
    const e = evaluate(week(6), profile, { now });
    const w = weekOf(e, "2026-03-02");
    expect(w.contactMinutes).toBe(930);
    expect(w.contactMaxMinutes).toBe(900);
    expect(w.contactMaxRule).toBe("nz.sec.beginning");
    expect(idsIn(e, "2026-03-02")).toEqual(["nz.sec.beginning"]);
    const atLimit = evaluate(week(0), profile, { now });
    expect(idsIn(atLimit, "2026-03-02")).toEqual([]);
  });

  it("a unit holder with three units has 17 h; a fourth unit does not lower it further", () => {
    const three = makeProfile({
      jurisdiction: "nz-secondary",
      academicYearStart: "2026-01-27",
      permanentUnits: 3,
    });
    const e = evaluate(week(30), three, { now });
    const w = weekOf(e, "2026-03-02");
    expect([w.contactMinutes, w.contactMaxMinutes, w.contactMaxRule]).toEqual([1050, 1020, "nz.sec.units"]);
    expect(idsIn(e, "2026-03-02")).toEqual(["nz.sec.units"]);
    const four = makeProfile({
      jurisdiction: "nz-secondary",
      academicYearStart: "2026-01-27",
      permanentUnits: 4,
    });
    expect(weekOf(evaluate(week(24), four, { now }), "2026-03-02").contactMaxMinutes).toBe(1020);
    expect(idsIn(evaluate(week(24), four, { now }), "2026-03-02")).toEqual([]);
  });
});

describe("England", () => {
  const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
  const z = profile.timeZone;

  function meetingsWeek(): WorkItem[] {
    const items: WorkItem[] = [
      makeItem(z, "lesson", "2025-11-10", "09:00", "12:00"),
      makeItem(z, "ppa", "2025-11-10", "13:00", "15:30"),
    ];
    for (const date of ["2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14"]) {
      items.push(
        makeItem(z, "lesson", date, "09:00", "12:00"),
        makeItem(z, "lesson", date, "13:00", "15:00"),
      );
    }
    items.push(makeItem(z, "meeting", "2025-11-11", "15:30", "16:30", { title: "Department meeting" }));
    items.push(
      makeItem(z, "parents-evening", "2025-11-12", "16:00", "19:00", { title: "Year 9 parents' evening" }),
    );
    items.push(makeItem(z, "meeting", "2025-11-13", "15:30", "17:00", { title: "Whole-staff briefing" }));
    return items;
  }

  it("a week with two after-school meetings and a parents' evening", () => {
    const e = evaluate(meetingsWeek(), profile, { now: NOW_UK });
    const w = weekOf(e, "2025-11-10");
    expect(w).toMatchObject({
      teachingMinutes: 1380,
      ppaMinutes: 150,
      directedMinutes: 1860,
      meetingCount: 2,
      // RULES.md: a meeting ending 16:30 after a 15:00 pupils' day makes that day an evening.
      eveningCount: 3,
      coverCount: 0,
      directedDays: 5,
    });
    const found = e.findings.filter((f) => f.start >= w.startInstant && f.end <= w.endInstant);
    expect(found.map((f) => f.rule)).toEqual([
      "eng.meetings.weekly",
      "eng.meetings.weekly",
      "eng.meetings.weekly",
    ]);
    expect(found.every((f) => f.force === "U" && f.severity === "warning")).toBe(true);
    const text = found.map((f) => f.message).join(" ");
    expect(text).toContain("2 after-school meetings this week");
    expect(text).toContain("3 evenings of directed work this week");
    expect(found[0]!.message).toContain("Source: NUT, “How to win with Action Short of Strike Action”");
    // With the union overlay off, nothing is raised: it is advice, not contract.
    const off = evaluate(meetingsWeek(), { ...profile, unionOverlay: false }, { now: NOW_UK });
    expect(idsIn(off, "2025-11-10")).toEqual([]);
  });

  it("a PPA ratio of 9% is a breach for that week", () => {
    const items: WorkItem[] = [];
    for (const date of ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"]) {
      items.push(makeItem(z, "lesson", date, "09:00", "12:20"));
    }
    items.push(makeItem(z, "ppa", "2025-11-17", "13:00", "14:30"));
    const e = evaluate(items, profile, { now: NOW_UK });
    const w = weekOf(e, "2025-11-17");
    expect([w.teachingMinutes, w.ppaMinutes]).toEqual([1000, 90]);
    expect(idsIn(e, "2025-11-17")).toEqual(["eng.ppa.min"]);
    const f = e.findings.find((x) => x.rule === "eng.ppa.min")!;
    expect(f.severity).toBe("breach");
    expect(f.message).toContain("(9%)");
    expect(f.action).toContain("10 min more PPA");
  });

  it("a part-time teacher directed on a non-working day", () => {
    const part = makeProfile({
      jurisdiction: "england",
      academicYearStart: "2025-09-01",
      fte: 0.6,
      contractedDays: [1, 2, 3],
    });
    const items = [
      makeItem(z, "lesson", "2025-11-17", "09:00", "12:00"),
      makeItem(z, "ppa", "2025-11-17", "13:00", "13:30"),
      makeItem(z, "meeting", "2025-11-20", "15:30", "16:30", { title: "Year team meeting" }),
    ];
    const e = evaluate(items, part, { now: NOW_UK });
    expect(idsIn(e, "2025-11-17")).toEqual(["eng.parttime.days"]);
    expect(e.year.budgetMinutes).toBe(45540);
    expect(e.year.maxDirectedDays).toBe(117);
    expect(e.year.directedMinutes).toBe(270);
  });

  it("a part-time teacher's lessons on days off: one finding per day and rule, not one per lesson", () => {
    const part = makeProfile({
      jurisdiction: "england",
      academicYearStart: "2025-09-01",
      fte: 0.6,
      contractedDays: [1, 2, 3],
    });
    const items: WorkItem[] = [];
    const daysOff = ["2025-11-13", "2025-11-14", "2025-11-20", "2025-11-21", "2025-11-27", "2025-11-28"];
    for (const date of daysOff) {
      for (const [from, to] of [
        ["09:00", "10:00"],
        ["10:00", "11:00"],
        ["11:20", "12:20"],
        ["13:20", "14:20"],
        ["14:20", "15:20"],
      ] as const)
        items.push(makeItem(z, "lesson", date, from, to, { title: "8C3 Ma" }));
    }
    const e = evaluate(items, part, { now: NOW_UK });
    const offDays = e.findings.filter((f) => f.rule === "eng.parttime.days");
    expect(offDays).toHaveLength(6);
    expect(offDays.every((f) => f.items.length === 5)).toBe(true);
    expect(offDays[0]!.message).toContain(
      '"8C3 Ma" is directed on 2025-11-13, a day you are not contracted to work. The same applies to 4 more entries on 2025-11-13.',
    );
    expect(offDays[0]!.start).toBe(localInstant(z, "2025-11-13T09:00"));
    expect(offDays[0]!.end).toBe(localInstant(z, "2025-11-13T15:20"));
  });

  it("one lesson and a few events: the timetable looks incomplete, so PPA is not checked (info)", () => {
    const items = [
      makeItem(z, "lesson", "2025-11-17", "09:00", "10:00"),
      makeItem(z, "meeting", "2025-11-17", "15:30", "16:30", { title: "Department meeting" }),
      makeItem(z, "duty", "2025-11-18", "10:40", "11:00", { title: "Break duty" }),
    ];
    const e = evaluate(items, profile, { now: NOW_UK });
    const ppa = e.findings.filter((f) => f.rule === "eng.ppa.min");
    expect(ppa.map((f) => f.severity)).toEqual(["info"]);
    expect(ppa[0]!.message).toContain(
      "This week's timetable looks incomplete: it holds 1 h of lessons, far less than your contract implies",
    );
    const meter = weekSummary(e, "2025-11-17", profile).meters.find((m) => m.id === "ppa")!;
    expect(meter.status).toBe("none");
    expect(meter.text).toBe("0 min (at least 6 min) · not checked: this week's timetable looks incomplete");
  });

  it("the 1265-hour budget's weekly figure is a pace: a long week is never a breach or over a limit", () => {
    const items: WorkItem[] = [];
    for (const date of ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"]) {
      items.push(
        makeItem(z, "lesson", date, "08:00", "12:00"),
        makeItem(z, "lesson", date, "13:00", "17:00"),
      );
      items.push(makeItem(z, "ppa", date, "17:00", "17:50"));
    }
    const e = evaluate(items, profile, { now: NOW_UK });
    expect(weekOf(e, "2025-11-17").directedMinutes).toBe(5 * 530);
    const directed = weekSummary(e, "2025-11-17", profile).meters[0]!;
    expect(directed).toMatchObject({
      limitKind: "pace",
      status: "ahead",
      limit: Math.round((1265 * 60) / 39),
    });
    expect(directed.text).toBe("44 h 10 min (the annual budget averages 32 h 26 min a week)");
    expect(e.findings.some((f) => f.rule === "eng.directed.annual")).toBe(false);
  });

  it("the week of the October clock change counts wall-clock lessons exactly", () => {
    const items: WorkItem[] = [];
    for (const date of ["2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24", "2025-10-27"]) {
      items.push(makeItem(z, "lesson", date, "09:00", "12:00"), makeItem(z, "ppa", date, "13:00", "13:30"));
    }
    // Late work on Sunday 26 October, after the clocks went back at 02:00.
    items.push(makeItem(z, "report-writing", "2025-10-26", "20:00", "22:30", { directed: false }));
    const e = evaluate(items, profile, { now: NOW_UK });
    const w = weekOf(e, "2025-10-20");
    expect(w.endInstant - w.startInstant).toBe(169 * 3_600_000);
    expect([w.teachingMinutes, w.ppaMinutes, w.directedMinutes, w.workMinutes]).toEqual([
      900, 150, 1050, 1200,
    ]);
    expect(weekOf(e, "2025-10-27").teachingMinutes).toBe(180);
    // 20:00–22:30 on the 25-hour Sunday ends 10.5 h before 09:00 on Monday: short of 11 hours' rest.
    const rest = e.findings.filter((f) => f.rule === "uk.wtr.daily_rest");
    expect(rest.map((f) => [f.start, f.end])).toEqual([
      [Date.UTC(2025, 9, 26, 22, 30), Date.UTC(2025, 9, 27, 9)],
    ]);
  });

  it("cover verdicts: in PPA, foreseeable, and an ordinary one", () => {
    const items = meetingsWeek();
    const ppa = coverVerdict(
      { start: localInstant(z, "2025-11-10T13:00"), end: localInstant(z, "2025-11-10T14:00") },
      items,
      profile,
      { now: NOW_UK },
    );
    expect(ppa.ok).toBe(false);
    // Booked over PPA (a breach), PPA left below 10% of teaching (a breach), cover, and PPA to reclaim.
    expect(ppa.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual([
      "eng.ppa.min:breach",
      "eng.ppa.min:breach",
      "eng.cover.rarely:warning",
      "eng.ppa.lost:warning",
    ]);
    expect(ppa.findings.map((f) => f.action)).toContain(
      "Ask for this PPA to be reinstated at another time this week.",
    );

    const planned = coverVerdict(
      {
        start: localInstant(z, "2025-11-14T15:00"),
        end: localInstant(z, "2025-11-14T15:30"),
        requestedAt: localInstant(z, "2025-11-03T08:00"),
      },
      items,
      profile,
      { now: NOW_UK },
    );
    expect(planned.ok).toBe(false);
    expect(planned.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(["eng.cover.rarely:breach"]);
    expect(planned.findings[0]!.message).toContain("asked for 11 days ahead");

    const ordinary = coverVerdict(
      {
        start: localInstant(z, "2025-11-14T15:00"),
        end: localInstant(z, "2025-11-14T15:30"),
        requestedAt: localInstant(z, "2025-11-14T08:00"),
      },
      items,
      profile,
      { now: NOW_UK },
    );
    expect(ordinary.ok).toBe(true);
    expect(ordinary.findings.map((f) => f.rule)).toEqual(["eng.cover.rarely"]);
    expect(ordinary.reasons.join(" ")).toContain(
      "your 1st cover this week, 1st in the autumn term and 1st this year",
    );
  });
});

describe("Ledger", () => {
  it("replacing one week gives the same evaluation as evaluating everything again", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
    const z = profile.timeZone;
    const base = [
      makeItem(z, "lesson", "2025-09-08", "09:00", "10:00"),
      makeItem(z, "lesson", "2025-11-10", "09:00", "10:00"),
    ];
    const changed = [
      makeItem(z, "cover", "2025-11-11", "09:00", "10:00"),
      makeItem(z, "meeting", "2025-11-11", "15:30", "17:00"),
    ];
    const ledger = new Ledger(profile, { now: NOW_UK });
    ledger.setItems(base);
    ledger.replaceWeek("2025-11-10", changed);
    const full = evaluate([base[0]!, ...changed], profile, { now: NOW_UK });
    expect(ledger.evaluation()).toEqual(full);
    expect(full.year.coverCount).toBe(1);
    expect(full.year.directedMinutes).toBe(60 + 60 + 90);
  });

  it("ignores items outside the academic year and counts an all-day training day as a school day", () => {
    const profile = makeProfile({ jurisdiction: "england", academicYearStart: "2025-09-01" });
    const z = profile.timeZone;
    const items = [
      makeItem(z, "lesson", "2025-08-29", "09:00", "10:00"),
      makeItem(z, "lesson", "2026-09-01", "09:00", "10:00"),
      { ...makeItem(z, "inset", "2025-09-01", "00:00", "23:59"), allDay: true },
    ];
    const e = evaluate(items, profile, { now: NOW_UK });
    // The profile's school day, 08:30–16:30.
    expect(e.year.directedMinutes).toBe(480);
    expect(e.year.directedDays).toBe(1);
    const cal = calendarOf(profile);
    expect(weekIndexOf(cal, "2025-09-01")).toBe(0);
  });
});

describe("support staff (seed 004)", () => {
  it("hours over the 37-hour week accrue at time and a half", () => {
    const profile = makeProfile({ jurisdiction: "support-staff", academicYearStart: "2025-09-01" });
    const z = profile.timeZone;
    const items: WorkItem[] = [];
    for (const date of ["2025-11-17", "2025-11-18", "2025-11-19", "2025-11-20", "2025-11-21"]) {
      items.push(makeItem(z, "duty", date, "08:00", "12:00"), makeItem(z, "duty", date, "12:30", "16:30"));
    }
    const e = evaluate(items, profile, { now: NOW_UK });
    expect(weekOf(e, "2025-11-17").workMinutes).toBe(2400);
    expect(idsIn(e, "2025-11-17")).toEqual(["support.green_book"]);
    expect([e.year.extraMinutes, e.year.owedMinutes]).toEqual([180, 270]);
  });
});
