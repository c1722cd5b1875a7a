import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { POPUP_KEY, weekKey, type DerivedRow } from "../store/derived";
import { getSourcePrecedence, preferSource, putItems, saveSource } from "../store/repo";
import { DAY, HOUR, MONDAY, freshDb, item } from "../../testing/store";
import { recomputeDerived } from "./recount";
import { popupMirror } from "./popup-mirror";

const WEEK = 7 * 86_400_000;
const weeks = Array.from({ length: 20 }, (_, i) => ({
  start: `w${String(i).padStart(2, "0")}`,
  startInstant: i * WEEK,
  endInstant: (i + 1) * WEEK,
}));
// Only the fields popupMirror reads; the rest of each row is carried through as it is.
const rows = [
  { key: POPUP_KEY, value: { weeks } },
  ...weeks.map((w) => ({ key: weekKey(w.start), value: { week: w.start } })),
] as unknown as DerivedRow[];

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

describe("recomputeDerived after an import", () => {
  it("counts every other source's items with the fresh ones, as a full read would", async () => {
    const db = freshDb();
    const rows = [
      item({ id: "a:1", source: "a", start: MONDAY, end: MONDAY + HOUR }),
      item({ id: "m:1", source: "m", start: MONDAY + 2 * HOUR, end: MONDAY + 3 * HOUR }),
      item({ id: "z:1", source: "z", start: MONDAY + DAY, end: MONDAY + DAY + HOUR }),
    ];
    await putItems(db, rows);
    const now = MONDAY + 2 * DAY;
    const full = await recomputeDerived(db, now);
    const fresh = await recomputeDerived(db, now, { source: "m", items: [rows[1]!] });
    expect(fresh.ledger.evaluation).toEqual(full.ledger.evaluation);
    expect(full.ledger.evaluation.year.directedMinutes).toBe(180);
  });
});

describe("recomputeDerived with one calendar added twice", () => {
  it("counts each event once, keeps the calendar listed first, and records the overlap", async () => {
    const db = freshDb();
    await saveSource(db, { id: "file:term", type: "ics-file", name: "Term file" });
    await saveSource(db, {
      id: "feed:term",
      type: "ics-feed",
      name: "Term feed",
      url: "https://school.example/t.ics",
    });
    const lesson = { start: MONDAY, end: MONDAY + HOUR, sourceUid: "lesson-1" };
    await putItems(db, [
      item({ id: "feed:term:1", source: "feed:term", ...lesson }),
      item({ id: "file:term:1", source: "file:term", ...lesson }),
      item({ id: "file:term:2", source: "file:term", start: MONDAY + DAY, end: MONDAY + DAY + HOUR }),
    ]);
    const { ledger } = await recomputeDerived(db, MONDAY + 2 * DAY);
    expect(ledger.evaluation.year.directedMinutes).toBe(120);
    // "Term feed" is listed before "Term file".
    expect(ledger.sourceOverlaps).toEqual([{ kept: "feed:term", dropped: "file:term", count: 1 }]);

    // The teacher chooses the file: the shared event is counted once, from the file, and stays counted once.
    await preferSource(db, "file:term");
    const chosen = (await recomputeDerived(db, MONDAY + 2 * DAY)).ledger;
    expect(chosen.sourceOverlaps).toEqual([{ kept: "file:term", dropped: "feed:term", count: 1 }]);
    expect(chosen.evaluation.year.directedMinutes).toBe(120);
    await preferSource(db, "feed:term");
    expect(await getSourcePrecedence(db)).toEqual(["feed:term", "file:term"]);
    const back = (await recomputeDerived(db, MONDAY + 2 * DAY)).ledger;
    expect(back.sourceOverlaps).toEqual([{ kept: "feed:term", dropped: "file:term", count: 1 }]);
  });
});
