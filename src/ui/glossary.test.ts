import { describe, expect, it } from "vitest";
import { GLOSSARY, termsIn } from "./glossary";

describe("the glossary", () => {
  it("explains the jargon a text uses, once each, in glossary order", () => {
    const text =
      "PPA is 1 h against 18 h. Source: School Teachers' Pay and Conditions Document 2025 (England). " +
      "NUT, “How to win with Action Short of Strike Action” (ASOS guidance). Directed time this year. PPA again.";
    expect(termsIn(text).map((e) => e.term)).toEqual(["Directed time", "PPA", "STPCD", "ASOS"]);
    expect(termsIn("Nothing to flag this week.")).toEqual([]);
  });

  it("says what each term means in plain words, without the jargon it explains standing alone", () => {
    for (const entry of GLOSSARY) {
      expect(entry.meaning.length).toBeGreaterThan(60);
      expect(entry.meaning).toMatch(/\.$/);
    }
  });
});
