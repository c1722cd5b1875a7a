import { describe, expect, it } from "vitest";
import type { WorkItem } from "../model";
import { dedupeAcrossSources } from "./dedupe";

const H = 3_600_000;
const MON = Date.UTC(2026, 8, 7, 8);
const item = (source: string, uid: string, start: number, minutes: number, title: string): WorkItem => ({
  id: `${source}:${uid}:${start}`,
  start,
  end: start + minutes * 60_000,
  title,
  kind: "lesson",
  directed: true,
  source,
  sourceUid: uid,
  confirmed: false,
});

describe("the same event from two sources", () => {
  const file = [
    item("file", "a", MON, 60, "9X1 Ma"),
    item("file", "b", MON + 2 * H, 60, "PPA"),
    item("file", "c", MON + 4 * H, 60, "Year 7 tutor"),
  ];
  const feed = [
    item("feed", "a", MON, 60, "9X1 Ma"), // the same UID and start
    item("feed", "x", MON + 2 * H, 60, "ppa "), // the same times and a matching title
    item("feed", "y", MON + 4 * H, 60, "Cover 8B2"), // same times, another title: a different event
  ];

  it("counts once, keeping the copy from the source first in precedence, and says which sources overlap", () => {
    const { items, overlaps } = dedupeAcrossSources([...feed, ...file], ["file", "feed"]);
    expect(items.map((i) => i.id).sort()).toEqual([...file.map((i) => i.id), `feed:y:${MON + 4 * H}`].sort());
    expect(overlaps).toEqual([{ kept: "file", dropped: "feed", count: 2 }]);
    const minutes = items.reduce((sum, i) => sum + (i.end - i.start) / 60_000, 0);
    expect(minutes).toBe(240);
  });

  it("lets the teacher choose which source wins", () => {
    const { items, overlaps } = dedupeAcrossSources([...file, ...feed], ["feed"]);
    expect(items.filter((i) => i.source === "feed")).toHaveLength(3);
    expect(items.filter((i) => i.source === "file").map((i) => i.title)).toEqual(["Year 7 tutor"]);
    expect(overlaps).toEqual([{ kept: "feed", dropped: "file", count: 2 }]);
  });

  it("never merges items of one source, and keeps the order it was given", () => {
    const twice = [item("file", "a", MON, 60, "Duty"), item("file", "b", MON, 60, "Duty")];
    expect(dedupeAcrossSources([...twice, feed[2]!]).items).toEqual([...twice, feed[2]]);
  });
});
