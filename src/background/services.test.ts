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
  it("mirrors the index and four weeks either side of now, and removes the rest", () => {
    const { set, remove } = popupMirror(rows, 10 * WEEK + 1);
    expect(Object.keys(set).sort()).toEqual(
      [POPUP_KEY, ...[6, 7, 8, 9, 10, 11, 12, 13, 14].map((i) => weekKey(weeks[i]!.start))].sort(),
    );
    expect(remove).toHaveLength(20 - 9);
    expect(remove).not.toContain(weekKey("w10"));
  });

  it("keeps the last weeks after the year has ended, and nothing without an index", () => {
    expect(Object.keys(popupMirror(rows, 100 * WEEK).set)).toContain(weekKey("w19"));
    expect(popupMirror(rows.slice(1), 0)).toEqual({ set: {}, remove: [] });
  });
});
