import { describe, expect, it } from "vitest";
import { makeProfile } from "../../testing/test-items";
import { SEND_GUARD_KEY } from "../rules/email";
import { combineParts } from "./save-all";

const saved = makeProfile({
  overrides: {
    "eng.meetings.weekly": { maxMinutes: 90 },
    [SEND_GUARD_KEY]: { start: "08:00", end: "17:00" },
  },
});

describe("one Save for the settings page", () => {
  it("saves the contract and terms together", () => {
    const { profile } = combineParts(saved, {
      contract: { ...saved, fte: 0.6 },
      terms: { terms: [{ name: "Autumn", start: "2026-09-01", end: "2026-12-18" }], trainingDays: [] },
    });
    expect(profile.fte).toBe(0.6);
    expect(profile.terms).toHaveLength(1);
    expect(profile.overrides).toBeUndefined();
  });

  it("keeps the guard's hours when only the rules change, and removes a reset rule", () => {
    const { profile } = combineParts(saved, {
      rules: { overrides: { [SEND_GUARD_KEY]: { start: "08:00", end: "17:00" } }, localAgreement: "" },
    });
    expect(profile.overrides).toEqual({ [SEND_GUARD_KEY]: { start: "08:00", end: "17:00" } });
    expect(profile.localAgreement).toBe("");
  });

  it("puts the email hours back to the school day by removing the guard's own hours", () => {
    const { profile } = combineParts(saved, { guard: { guard: {}, emailExceptions: ["union.org"] } });
    expect(profile.overrides).toEqual({ "eng.meetings.weekly": { maxMinutes: 90 } });
    expect(profile.emailExceptions).toEqual(["union.org"]);
  });

  it("saves the rules and the guard together, the guard's hours from the guard", () => {
    const { profile } = combineParts(saved, {
      rules: { overrides: { ...saved.overrides, "uk.wtr.break": { afterHours: 6.5 } }, localAgreement: "" },
      guard: { guard: { enabled: false }, emailExceptions: [] },
    });
    expect(profile.overrides).toEqual({
      "eng.meetings.weekly": { maxMinutes: 90 },
      "uk.wtr.break": { afterHours: 6.5 },
      [SEND_GUARD_KEY]: { enabled: false },
    });
  });

  it("on a change of where the teacher works, leaves out the old rules and says so", () => {
    const { profile, dropped } = combineParts(saved, {
      contract: { ...saved, jurisdiction: "scotland", fte: 0.8 },
      rules: { overrides: { "eng.meetings.weekly": { maxMinutes: 30 } }, localAgreement: "" },
    });
    expect(profile).toMatchObject({ jurisdiction: "scotland", fte: 0.8 });
    expect(profile.schoolDayEnd).toBeUndefined();
    expect(profile.overrides).toEqual({ [SEND_GUARD_KEY]: { start: "08:00", end: "17:00" } });
    expect(dropped).toHaveLength(1);
  });
});
