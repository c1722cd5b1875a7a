import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findDate, mightBeCoverRequest, parseCoverRequest, reasonCategory } from "./cover-request";

const DIR = new URL("../../e2e/fixtures/cover-requests/", import.meta.url);

/** A fixture: its header (today, expect) and the message text after `---`. */
function fixture(name: string) {
  const [header, body] = readFileSync(new URL(name, DIR), "utf8").split("\n---\n") as [string, string];
  const today = /^today: (\S+)/m.exec(header)![1]!;
  const expected = [...header.matchAll(/^expect: (.+)$/gm)].map((m) => m[1]!);
  return { today, body, expected: expected[0] === "none" ? [] : expected.map((e) => JSON.parse(e)) };
}

describe("cover-request parser", () => {
  const names = readdirSync(DIR).filter((n) => n.endsWith(".txt"));

  it("has a fixture for each system and for messages that are not requests", () => {
    expect(names.sort()).toEqual([
      "arbor-assigned.txt",
      "arbor-daily-summary.txt",
      "bromcom-published-cover.txt",
      "isams-cover-slip.txt",
      "mentions-cover.txt",
      "ordinary.txt",
      "plain-please-take.txt",
      "plain-relief.txt",
      "sims-cover-slip.txt",
    ]);
  });

  for (const name of names) {
    it(`reads ${name}`, () => {
      const f = fixture(name);
      expect(parseCoverRequest(f.body, f.today)).toEqual(f.expected);
    });
  }

  it("keeps only the time, class code and reason category: no names, rooms or reasons in words", () => {
    const f = fixture("sims-cover-slip.txt");
    const out = JSON.stringify(parseCoverRequest(f.body, f.today));
    for (const word of ["XYZ", "Course", "H2", "Worksheets"]) expect(out).not.toContain(word);
  });

  it("the first test is one regular expression, and an ordinary email fails it", () => {
    expect(mightBeCoverRequest(fixture("ordinary.txt").body)).toBe(false);
    expect(mightBeCoverRequest("Relief for Wednesday")).toBe(true);
    expect(mightBeCoverRequest("Could you please-take 2C?")).toBe(true);
  });

  it("reads UK dates, weekday names and 'tomorrow' from the message's day", () => {
    expect(findDate("on 3/2/2027", "2026-11-09")).toBe("2027-02-03");
    expect(findDate("on 5th January", "2026-12-10")).toBe("2027-01-05");
    expect(findDate("Friday", "2026-11-09")).toBe("2026-11-13");
    expect(findDate("Monday", "2026-11-09")).toBe("2026-11-09");
    expect(findDate("tomorrow", "2026-11-09")).toBe("2026-11-10");
    expect(findDate("31/02/2026", "2026-11-09")).toBeNull();
  });

  it("reads a reason as a category only", () => {
    expect(reasonCategory("Maternity leave")).toBe("long-term");
    expect(reasonCategory("Year 10 geography field trip")).toBe("planned-trip");
    expect(reasonCategory("Personal")).toBe("unknown");
  });
});
