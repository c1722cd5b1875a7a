import { describe, expect, it } from "vitest";
import { countedAsText } from "./format";

describe("what a correction did, in words", () => {
  it("says the kind in a sentence and whether it is directed", () => {
    expect(countedAsText("meeting", true)).toBe("Counted as a meeting, directed.");
    expect(countedAsText("extra-curricular", false)).toBe(
      "Counted as a club or activity offered voluntarily, not directed.",
    );
    expect(countedAsText("ppa", true)).toBe("Counted as PPA, directed.");
  });
});
