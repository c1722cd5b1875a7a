import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES, listRules } from "./catalogue";
import { makeProfile } from "./test-items";

const RULES_MD = new URL("../../docs/RULES.md", import.meta.url);
const COVERAGE = new URL("../../docs/RULES-COVERAGE.md", import.meta.url);
const idsIn = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);

describe("rule catalogue", () => {
  it("has every rule id in docs/RULES.md, each with force, source and a check or a reason", () => {
    const ids = idsIn(
      readFileSync(RULES_MD, "utf8"),
      /^\| ((?:eng|wal|uk|ni|sco|nz|support|ie|au)\.[a-z0-9_.]+) *\|/gm,
    );
    expect(ids.length).toBe(57);
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
