import { describe, expect, it } from "vitest";
import { profileWithDefaults } from "../rules/profile-defaults";
import { listRules } from "../rules/catalogue";
import { presetById } from "../rules/catalogue";
import {
  agreementFor,
  baseValue,
  groupByForce,
  originOf,
  parseParam,
  presetsFor,
  resetRule,
  setOverride,
} from "./rule-form";

const wd = presetById("west-dunbartonshire")!;

describe("where a value comes from", () => {
  it("is yours over the agreement over the default", () => {
    const overrides = { "sco.week": { weeklyHours: 36 } };
    expect(originOf("sco.week", "weeklyHours", overrides, wd)).toBe("yours");
    expect(originOf("sco.week", "weeks", overrides, wd)).toBe("agreement");
    expect(originOf("sco.week", "weeks", overrides, undefined)).toBe("default");
    expect(originOf("eng.meetings.weekly", "maxMinutes", {}, wd)).toBe("default");
  });

  it("takes the base value from the agreement, else the default", () => {
    const rule = { id: "sco.contact.max", defaults: { maxHours: 21 } };
    expect(baseValue(rule, "maxHours", wd)).toBe(22.5);
    expect(baseValue(rule, "maxHours", undefined)).toBe(21);
  });
});

describe("editing overrides", () => {
  it("keeps a changed value and drops one equal to the base", () => {
    const one = setOverride({}, "eng.meetings.weekly", "maxMinutes", 90, 60);
    expect(one).toEqual({ "eng.meetings.weekly": { maxMinutes: 90 } });
    expect(setOverride(one, "eng.meetings.weekly", "maxMinutes", 60, 60)).toEqual({});
  });

  it("does not change the object it was given", () => {
    const before = { a: { x: 1 }, b: { y: true } };
    const after = setOverride(before, "a", "x", 2, 1);
    expect(before).toEqual({ a: { x: 1 }, b: { y: true } });
    expect(after).toEqual({ a: { x: 2 }, b: { y: true } });
  });

  it("resets one rule and leaves the others", () => {
    expect(resetRule({ a: { x: 1 }, b: { y: 2 } }, "a")).toEqual({ b: { y: 2 } });
  });
});

describe("reading inputs", () => {
  it("accepts numbers of 0 or more and explains anything else", () => {
    expect(parseParam("90", "number", "max minutes")).toEqual({ ok: true, value: 90 });
    expect(parseParam(" 7.5 ", "number", "hours")).toEqual({ ok: true, value: 7.5 });
    expect(parseParam("0", "number", "hours")).toEqual({ ok: true, value: 0 });
    expect(parseParam("", "number", "max minutes")).toEqual({
      ok: false,
      error: "max minutes: enter a number.",
    });
    expect(parseParam("ten", "number", "max minutes")).toEqual({
      ok: false,
      error: "max minutes: enter a number.",
    });
    expect(parseParam("-5", "number", "max minutes")).toEqual({
      ok: false,
      error: "max minutes: enter 0 or more.",
    });
    expect(parseParam("1e9", "number", "hours")).toEqual({
      ok: false,
      error: "hours: enter 100,000 or less.",
    });
  });

  it("accepts text up to the schema's limit", () => {
    expect(parseParam("parent|carer", "string", "match")).toEqual({ ok: true, value: "parent|carer" });
    expect(parseParam("x".repeat(201), "string", "match").ok).toBe(false);
  });

  it("refuses a percentage over 100", () => {
    expect(parseParam("120", "number", "PPA at least", 100)).toEqual({
      ok: false,
      error: "PPA at least: enter 100 or less.",
    });
    expect(parseParam("12.5", "number", "PPA at least", 100)).toEqual({ ok: true, value: 12.5 });
  });
});

describe("agreements and groups", () => {
  it("offers only the agreements for the jurisdiction", () => {
    expect(presetsFor("scotland").map((p) => p.id)).toContain("west-dunbartonshire");
    expect(presetsFor("england")).toEqual([]);
    expect(agreementFor("england", "west-dunbartonshire")).toBeUndefined();
    expect(agreementFor("scotland", "west-dunbartonshire")).toBe(wd);
    expect(agreementFor("scotland", "")).toBeUndefined();
  });

  it("groups England's rules by force, strongest first, with the advisories apart", () => {
    const rules = listRules(profileWithDefaults({ jurisdiction: "england" }, "2026-09-01"));
    const groups = groupByForce(rules);
    expect(groups.map((g) => g.force)).toEqual(["S", "C", "G", "U"]);
    const shown = groups.flatMap((g) => g.rules.map((r) => r.id));
    expect(shown).toContain("eng.meetings.weekly");
    expect(shown).not.toContain("ie.disconnect");
    expect(shown).not.toContain("au.disconnect");
    for (const g of groups) expect(g.rules.every((r) => r.force === g.force)).toBe(true);
  });
});
