import { describe, expect, it } from "vitest";
import type { ItemKind } from "../model";
import { CONFIRM_THRESHOLD, classify, familyKey } from "./classify";

const confident: [string, ItemKind, boolean][] = [
  ["9X1 Ma", "lesson", true],
  ["P3 10B Sci", "lesson", true],
  ["11MA2", "lesson", true],
  ["Yr 10 English", "lesson", true],
  ["L1 Maths", "lesson", true],
  ["PPA", "ppa", true],
  ["Non-contact", "non-contact", true],
  ["Classroom release time", "non-contact", true],
  ["Registration 9X", "registration", true],
  ["Tutor time", "registration", true],
  ["Staff briefing", "meeting", true],
  ["Dept meeting", "meeting", true],
  ["Parents' Evening Y11", "parents-evening", true],
  ["Parent-teacher interviews", "parents-evening", true],
  ["INSET", "inset", true],
  ["Teacher only day", "inset", true],
  ["Twilight CPD", "cpd", true],
  ["Break duty", "duty", true],
  ["Lunch duty - canteen", "duty", true],
  ["Cover 8B2 for JSM", "cover", true],
  ["Relief 10WGT", "cover", true],
  ["Mock invigilation", "invigilation", true],
  ["Learning walk", "observation", true],
  ["Y9 reports", "report-writing", false],
  ["Trip to the science museum", "trip", true],
  ["Half term", "holiday", false],
  ["Dentist", "personal", false],
  ["Lunch", "break", false],
  ["Moderation", "meeting", true],
  ["Syndicate hui", "meeting", true],
  ["Chess club", "extra-curricular", false],
  ["Covering 10B Sci for Mr H", "cover", true],
  ["SEND review - Y4", "meeting", true],
  ["Interviews for Head of English", "meeting", true],
  ["Ofsted visit", "meeting", true],
  ["Department of Education visit", "meeting", true],
  ["FGB meeting", "meeting", false],
  ["Subject leader time", "non-contact", true],
  ["Collect Ella from nursery", "personal", false],
  ["Car service", "personal", false],
];

describe("classify", () => {
  for (const [title, kind, directed] of confident) {
    it(`"${title}" is ${kind}`, () => {
      const c = classify({ title });
      expect(c.kind).toBe(kind);
      expect(c.directed).toBe(directed);
      expect(c.confidence).toBeGreaterThanOrEqual(CONFIRM_THRESHOLD);
      expect(c.reason).not.toBe("");
    });
  }

  it("asks about ambiguous items, with a guess", () => {
    for (const title of ["Line management", "Catch-up with HoD", "Touch rugby", "Y11 clinic"]) {
      const c = classify({ title });
      expect(c.confidence, title).toBeLessThan(CONFIRM_THRESHOLD);
    }
    expect(classify({ title: "Line management" }).kind).toBe("meeting");
    const unknown = classify({ title: "Blue sky thinking" });
    expect(unknown).toMatchObject({ kind: "other", directed: false });
    expect(unknown.confidence).toBeLessThan(CONFIRM_THRESHOLD);
  });

  it("prefers the specific reading: cover over lesson, observation over appraisal", () => {
    expect(classify({ title: "Cover 8B2 Ma" }).kind).toBe("cover");
    expect(classify({ title: "Appraisal observation" }).kind).toBe("observation");
    expect(classify({ title: "Parents' evening meeting" }).kind).toBe("parents-evening");
  });

  it("reads the cases issue #12 measured as wrong", () => {
    const cases: [string, ItemKind, boolean][] = [
      ["Year 9 Parents' Evening", "parents-evening", true],
      ["Year 8 Lunchtime Club", "extra-curricular", false],
      ["Lunch 10X", "break", false],
      ["Lunch 7C/Hi", "break", false],
      ["1Mon:L Lunch", "break", false],
      ["Break 9Y/Sc2", "break", false],
      ["10X/Ma1", "lesson", true],
      ["7b/En3", "lesson", true],
      ["Tutor 10X", "registration", true],
      ["Form time", "registration", true],
      ["English Moderation", "meeting", true],
      ["Lunch duty (courts)", "duty", true],
      ["Netball practice", "extra-curricular", false],
      ["Staff Hui", "meeting", true],
      ["Syndicate Meeting", "meeting", true],
      ["Kapa haka practice", "extra-curricular", false],
      ["PLD: Structured Literacy", "cpd", true],
      ["Classroom Release", "non-contact", true],
      ["GP appt", "personal", false],
      ["King's Birthday", "holiday", false],
    ];
    for (const [title, kind, directed] of cases) {
      const c = classify({ title });
      expect({ title, kind: c.kind, directed: c.directed }).toEqual({ title, kind, directed });
      expect(c.confidence, title).toBeGreaterThanOrEqual(CONFIRM_THRESHOLD);
    }
  });

  it("never makes a lesson of a year group alone", () => {
    for (const title of ["Year 9", "Y11", "Yr 10"]) {
      const c = classify({ title });
      expect(c.kind, title).not.toBe("lesson");
      expect(c.confidence, title).toBeLessThan(CONFIRM_THRESHOLD);
    }
  });

  it("gives one family to titles that differ only in their numbers", () => {
    expect(familyKey("Academic Week 1")).toBe(familyKey("Academic Week 52"));
    expect(familyKey("Year 9 Parents' Evening")).toBe(familyKey("Year 10 Parents’ Evening"));
    expect(familyKey("Academic Week 1")).not.toBe(familyKey("Staff meeting"));
  });

  it("lets a rule made from one title of a family answer the family", () => {
    const rules = [{ contains: "academic week 1", kind: "other" as const, directed: false }];
    expect(classify({ title: "Academic Week 12", allDay: true }, rules)).toMatchObject({
      kind: "other",
      confidence: 1,
    });
  });

  it("uses location, notes and calendar name with less confidence", () => {
    const c = classify({ title: "Block 4", calendarName: "Duty rota" });
    expect(c.kind).toBe("duty");
    expect(c.confidence).toBeLessThan(CONFIRM_THRESHOLD);
  });

  it("does not call a whole day a lesson", () => {
    expect(classify({ title: "Y11 mocks", allDay: true }).kind).toBe("other");
    expect(classify({ title: "INSET day", allDay: true }).kind).toBe("inset");
  });

  it("applies the teacher's rules first, the most specific winning", () => {
    const rules = [
      { contains: "line management", kind: "meeting" as const, directed: true },
      { contains: "management", kind: "personal" as const, directed: false },
    ];
    const c = classify({ title: "Line management" }, rules);
    expect(c).toMatchObject({ kind: "meeting", directed: true, confidence: 1 });
    expect(c.reason).toMatch(/Your rule/);
    expect(classify({ title: "Time management course" }, rules).kind).toBe("personal");
  });
});

describe("classify: deadlines and a teacher's own family", () => {
  it("reads an all-day deadline as a marker, a timed one as the work", () => {
    expect(classify({ title: "Data drop 2 deadline", allDay: true })).toMatchObject({
      kind: "other",
      directed: false,
    });
    expect(classify({ title: "Reports due", allDay: true }).kind).toBe("other");
    expect(classify({ title: "Reports due" }).kind).toBe("report-writing");
  });

  it("asks about a parents' evening at what may be the teacher's own child's school", () => {
    const c = classify({ title: "Parents evening - Alfie's school" });
    expect(c.kind).toBe("personal");
    expect(c.confidence).toBeLessThan(CONFIRM_THRESHOLD);
    expect(classify({ title: "Year 8 Parents Evening" }).kind).toBe("parents-evening");
  });
});
