import { describe, expect, it } from "vitest";
import { keywordMatcher } from "./util";

describe("keywordMatcher", () => {
  /** The definition: any word of the list, lower-cased, inside the lower-cased text. */
  const byDefinition = (list: string) => (text: string) =>
    list
      .split("|")
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean)
      .some((w) => text.toLowerCase().includes(w));

  const lists = [
    "photocopy|filing|display|data entry|stocktake|stock take",
    " Course | TRIP |visit||",
    "a.b|(x)|[y]|c+d|e*|f?|^g|h$|{2}|back\\slash",
    "māori|İstanbul|straße|kelvin|ıi",
    "",
    "|",
  ];
  const texts = [
    "Photocopying for Y9",
    "DATA ENTRY deadline",
    "Stock Take",
    "trip to the museum",
    "axb (x) [y] c+d e* f? ^g h$ {2} back\\slash",
    "a.b",
    "Te reo MĀORI",
    "İSTANBUL exchange",
    "STRASSE",
    "\u212Aelvin scale",
    "II",
    "",
    "nothing here",
  ];

  it("matches exactly the texts that contain a word of the list, in any case", () => {
    for (const list of lists) {
      const match = keywordMatcher(list);
      const expected = byDefinition(list);
      for (const text of texts) expect([list, text, match(text)]).toEqual([list, text, expected(text)]);
    }
  });
});
