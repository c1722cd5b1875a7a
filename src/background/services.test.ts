import { describe, expect, it } from "vitest";
import { POPUP_KEY, weekKey } from "../store/derived";
import { popupMirror } from "./services";

const WEEK = 7 * 86_400_000;
const weeks = Array.from({ length: 20 }, (_, i) => ({
  start: `w${String(i).padStart(2, "0")}`,
  startInstant: i * WEEK,
  endInstant: (i + 1) * WEEK,
}));
const rows = [
  { key: POPUP_KEY, value: { weeks } },
  ...weeks.map((w) => ({ key: weekKey(w.start), value: { week: w.start } })),
];

describe("popupMirror", () => {
  it("holds the index and four weeks either side of now, in one value", () => {
    const mirror = popupMirror(rows, 10 * WEEK + 1)!;
    expect(mirror.popup).toEqual({ weeks });
    expect(Object.keys(mirror.weeks).sort()).toEqual(
      [6, 7, 8, 9, 10, 11, 12, 13, 14].map((i) => weeks[i]!.start),
    );
    expect(mirror.weeks["w10"]).toEqual({ week: "w10" });
  });

  it("keeps the last weeks after the year has ended, and nothing without an index", () => {
    expect(Object.keys(popupMirror(rows, 100 * WEEK)!.weeks)).toContain("w19");
    expect(popupMirror(rows.slice(1), 0)).toBeNull();
  });
});
