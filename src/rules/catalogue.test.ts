import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JURISDICTIONS } from "../model";
import {
  PACKS,
  RULES,
  listRules,
  overrideProblems,
  paramsFor,
  profileFieldsFor,
  usableOverrides,
} from "./catalogue";
import { makeProfile } from "../../testing/test-items";

const RULES_MD = new URL("../../docs/RULES.md", import.meta.url);
const COVERAGE = new URL("../../docs/RULES-COVERAGE.md", import.meta.url);
const idsIn = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);

describe("rule catalogue", () => {
  it("cites every rule by document, edition or year, never by a file name", () => {
    const citations = [
      ...RULES.map((r) => [r.id, r.source] as const),
      ...Object.values(PACKS).flatMap((pack) => Object.entries(pack.citations ?? {})),
    ];
    for (const [id, source] of citations) {
      expect(source, id).not.toMatch(/seed|\.txt|_[0-9a-f]{8}/i);
      expect(source, id).toMatch(/\b(19|20)\d\d\b/);
    }
  });

  it("has every rule id in docs/RULES.md, each with force, source and a check or a reason", () => {
    const ids = idsIn(
      readFileSync(RULES_MD, "utf8"),
      /^\| ((?:eng|wal|uk|ni|sco|nz|support|ie|au)\.[a-z0-9_.]+) *\|/gm,
    );
    expect(ids.length).toBe(58);
    expect(RULES.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of RULES) {
      expect(r.source.length, r.id).toBeGreaterThan(0);
      expect(Boolean(r.check.week || r.check.year || r.notCheckable || r.handledBy), r.id).toBe(true);
    }
  });

  it("lists every rule in docs/RULES-COVERAGE.md", () => {
    const documented = idsIn(readFileSync(COVERAGE, "utf8"), /^\| `([a-z0-9_.]+)`\s*\|/gm);
    expect(documented.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it("offers the union overlay in England and Wales by default and applies teacher overrides", () => {
    const england = listRules(
      makeProfile({ jurisdiction: "england", overrides: { "eng.meetings.weekly": { maxMinutes: 90 } } }),
    );
    const meetings = england.find((r) => r.id === "eng.meetings.weekly")!;
    expect(meetings.active).toBe(true);
    expect(meetings.params.maxMinutes).toBe(90);
    expect(meetings.changed).toEqual([{ key: "maxMinutes", from: 60, to: 90, by: "teacher" }]);
    const scotland = listRules(makeProfile({ jurisdiction: "scotland", academicYearStart: "2025-08-01" }));
    expect(scotland.some((r) => r.id === "eng.meetings.weekly")).toBe(false);
    expect(scotland.find((r) => r.id === "ie.disconnect")!.active).toBe(false);
  });
});

describe("packs (one per jurisdiction)", () => {
  const rulesMd = readFileSync(RULES_MD, "utf8");
  const known = new Set(idsIn(rulesMd, /^\| ((?:eng|wal|uk|ni|sco|nz|support|ie|au)\.[a-z0-9_.]+) *\|/gm));

  it("has one pack per jurisdiction, each with its own test file", () => {
    expect(Object.keys(PACKS).sort()).toEqual([...JURISDICTIONS].sort());
    for (const id of Object.keys(PACKS)) {
      expect(existsSync(new URL(`./packs/${id}.test.ts`, import.meta.url)), `${id} has no tests`).toBe(true);
    }
  });

  it("cites only rule ids that are in docs/RULES.md (rules, limits, meters and the email window)", () => {
    for (const r of RULES) expect(known.has(r.id), r.id).toBe(true);
    for (const pack of Object.values(PACKS)) {
      const profile = makeProfile({ jurisdiction: pack.id, role: pack.defaults.role });
      const p = paramsFor(profile);
      const cited = [
        pack.budget(profile, p)?.rule,
        pack.contactLimit(profile, p)?.rule,
        pack.meters.ppa?.rule.id,
        pack.meters.cover?.id,
        pack.meters.meetings?.id,
        pack.email.rule.id,
        pack.email.ownWindowRule.id,
        pack.collegiate?.rule.id,
      ].filter((x): x is string => x !== undefined);
      for (const id of cited) expect(known.has(id), `${pack.id} cites ${id}`).toBe(true);
      for (const id of [pack.email.rule.id, pack.email.ownWindowRule.id])
        expect(
          listRules(profile).some((r) => r.id === id),
          `${pack.id}: ${id} is offered`,
        ).toBe(true);
    }
  });
});

describe("typed parameters", () => {
  it("coerces an override once and refuses a misspelt key with a message", () => {
    const profile = makeProfile({
      jurisdiction: "england",
      overrides: {
        "eng.meetings.weekly": { maxMinutes: "90", maxMinutess: 75 },
        "eng.lunch": { windowFrom: "late" },
      },
    });
    const info = listRules(profile).find((r) => r.id === "eng.meetings.weekly")!;
    expect(info.params.maxMinutes).toBe(90);
    expect(info.problems).toEqual([
      "“maxMinutess” is not a setting of this rule (did you mean “maxMinutes”?); it is ignored.",
    ]);
    const lunch = listRules(profile).find((r) => r.id === "eng.lunch")!;
    expect(lunch.params.windowFrom).toBe("12:00");
    expect(lunch.problems).toEqual(['“windowFrom” is not a time like 17:30; "12:00" is used.']);
    expect(overrideProblems(profile)).toHaveLength(2);
    expect(usableOverrides(profile)).toEqual({ "eng.meetings.weekly": { maxMinutes: "90" } });
  });

  it("refuses a value outside a choice and an override for something that is not a rule", () => {
    const profile = makeProfile({
      jurisdiction: "england",
      overrides: { "eng.email.directed": { window: "always" }, "eng.nonsense": { x: 1 } },
    });
    expect(overrideProblems(profile)).toEqual([
      'Send and answer work email only in directed time (eng.email.directed): “window” is not one of “directed”, “school-day”; "directed" is used.',
      "“eng.nonsense” is not a rule; its settings are ignored.",
    ]);
  });
});

describe("force by school type", () => {
  it("shows an S/C rule as statute in a maintained school and as contract in an academy", () => {
    const at = (schoolType: "maintained" | "academy" | "other") =>
      listRules(makeProfile({ jurisdiction: "england", schoolType })).find((r) => r.id === "eng.ppa.min")!;
    expect([at("maintained").force, at("maintained").forceLabel]).toEqual([
      "S",
      "statute (maintained school)",
    ]);
    expect([at("academy").force, at("academy").forceLabel]).toEqual([
      "C",
      "contract (academy adopting the STPCD)",
    ]);
    expect(at("other").force).toBe("C");
    // A union rule stays union advice whatever the school.
    const union = listRules(makeProfile({ jurisdiction: "england", schoolType: "maintained" }));
    expect(union.find((r) => r.id === "eng.meetings.weekly")!.force).toBe("U");
  });
});

describe("profile fields each pack asks for", () => {
  it("asks for permanent units only where a pack reads them, and offers each pack's own roles", () => {
    const asking = JURISDICTIONS.filter((j) => profileFieldsFor(j).permanentUnits);
    expect(asking).toEqual(["nz-secondary", "nz-primary"]);
    expect(profileFieldsFor("support-staff").roles).toEqual(["support"]);
    expect(profileFieldsFor("england").roles).not.toContain("support");
    expect(profileFieldsFor("england").roles).not.toContain("probationer");
    expect(profileFieldsFor("scotland").roles).toContain("probationer");
    for (const j of JURISDICTIONS) expect(profileFieldsFor(j).roles, j).toContain(PACKS[j].defaults.role);
  });

  it("keeps a saved role another pack offered, so a choice is never silently changed", () => {
    expect(profileFieldsFor("england", "specialist").roles).toContain("specialist");
  });

  it("asks for the type of school only where a rule's force depends on it", () => {
    expect(profileFieldsFor("england").schoolType).toBe(true);
    expect(profileFieldsFor("scotland").schoolType).toBe(false);
  });
});
