import { describe, expect, it } from "vitest";
import { addTrainingDay, cleanTerms, sessionEndError, termErrors } from "./term-form";

const autumn = { name: "Autumn", start: "2026-09-02", end: "2026-12-18" };
const spring = { name: "Spring", start: "2027-01-05", end: "2027-03-26" };

describe("term dates", () => {
  it("accepts terms in any order that do not overlap", () => {
    expect(termErrors([spring, autumn])).toEqual([]);
    expect(termErrors([{ ...autumn, end: autumn.start }])).toEqual([]);
  });

  it("explains an end before the start", () => {
    expect(termErrors([{ ...autumn, end: "2026-08-31" }])).toEqual([
      "Autumn ends (31 Aug 2026) before it starts (2 Sept 2026).",
    ]);
  });

  it("explains an overlap, even on a single shared day", () => {
    expect(termErrors([autumn, { ...spring, start: "2026-12-18" }])).toEqual([
      "Autumn and Spring overlap: Spring starts before Autumn ends.",
    ]);
  });

  it("asks for missing names and dates", () => {
    expect(termErrors([{ name: " ", start: "", end: "2026-12-18" }])).toEqual([
      "Term 1 needs a name.",
      "Term 1 needs a start date.",
    ]);
  });

  it("saves trimmed names in date order", () => {
    expect(cleanTerms([spring, { ...autumn, name: " Autumn " }])).toEqual([autumn, spring]);
  });
});

describe("training days", () => {
  it("adds in order, refuses repeats and empty input", () => {
    expect(addTrainingDay(["2026-10-01"], "2026-09-01")).toEqual({
      ok: true,
      days: ["2026-09-01", "2026-10-01"],
    });
    expect(addTrainingDay(["2026-09-01"], "2026-09-01")).toEqual({
      ok: false,
      error: "1 Sept 2026 is already in the list.",
    });
    expect(addTrainingDay([], "").ok).toBe(false);
  });
});

describe("session end", () => {
  it("must fall within the school day", () => {
    expect(sessionEndError("15:20", "08:30", "16:30")).toBeUndefined();
    expect(sessionEndError("", "08:30", "16:30")).toBeUndefined();
    expect(sessionEndError("17:00", "08:30", "16:30")).toBe(
      "The session end must fall within your school day (08:30–16:30).",
    );
  });
});
