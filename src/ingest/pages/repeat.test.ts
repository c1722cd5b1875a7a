import { describe, expect, it } from "vitest";
import { repeatAcrossTerms } from "./repeat";
import {
  pageItemsToWorkItems,
  pageSourceName,
  weeksCovered,
  withoutDuplicates,
  classifyPageItem,
} from "./to-work-items";
import type { PageItem } from "./types";
import { zonedInstant } from "./zoned";

const zone = "Europe/London";
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return zonedInstant(zone, date, h * 60 + m);
};
const lesson = (date: string, from: string, to: string, title: string): PageItem => ({
  title,
  start: at(date, from),
  end: at(date, to),
  hint: "lesson",
});
const iso = (t: number) => new Date(t).toISOString();

describe("one page, a whole term", () => {
  // Week A read on Monday 12 October 2026, week B on Monday 19 October.
  const read = [
    lesson("2026-10-12", "09:00", "10:00", "Maths 8X/Ma1"),
    lesson("2026-10-19", "09:00", "10:00", "Maths 7Z/Ma3"),
  ];
  const terms = [{ name: "Autumn", start: "2026-09-02", end: "2026-11-04" }];

  it("repeats a two-week cycle across the term, Week A/B, keeping wall-clock times across the clock change", () => {
    const all = repeatAcrossTerms(read, { zone, cycleWeeks: 2, terms, trainingDays: ["2026-09-07"] });
    const mondays = all.map((i) => `${iso(i.start)} ${i.title}`);
    expect(mondays).toEqual([
      // 7 September is a training day: skipped.
      "2026-09-14T08:00:00.000Z Maths 8X/Ma1",
      "2026-09-21T08:00:00.000Z Maths 7Z/Ma3",
      "2026-09-28T08:00:00.000Z Maths 8X/Ma1",
      "2026-10-05T08:00:00.000Z Maths 7Z/Ma3",
      "2026-10-12T08:00:00.000Z Maths 8X/Ma1",
      "2026-10-19T08:00:00.000Z Maths 7Z/Ma3",
      // After the clocks go back: still 09:00 local.
      "2026-10-26T09:00:00.000Z Maths 8X/Ma1",
      "2026-11-02T09:00:00.000Z Maths 7Z/Ma3",
    ]);
  });

  it("repeats a one-week timetable every week, and nothing outside the terms", () => {
    const all = repeatAcrossTerms(read.slice(0, 1), {
      zone,
      cycleWeeks: 1,
      terms: [{ name: "x", start: "2026-10-01", end: "2026-10-31" }],
      trainingDays: [],
    });
    expect(all.map((i) => iso(i.start).slice(0, 10))).toEqual([
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
    ]);
  });
});

describe("page items as work items", () => {
  it("classifies by title first, then by the page's structure", () => {
    expect(classifyPageItem({ title: "Cover 7F/Ma1", start: 0, end: 1, hint: "lesson" }).kind).toBe("cover");
    // A title that says little ("Block 4") takes the page's word for it; "Science" is a lesson either way.
    expect(classifyPageItem({ title: "Block 4", start: 0, end: 1, hint: "lesson" })).toMatchObject({
      kind: "lesson",
      confidence: 0.9,
    });
    expect(classifyPageItem({ title: "Science", start: 0, end: 1, hint: "lesson" }).kind).toBe("lesson");
    expect(classifyPageItem({ title: "Free period", start: 0, end: 1, hint: "free" }).kind).toBe(
      "non-contact",
    );
    expect(classifyPageItem({ title: "Team meeting", start: 0, end: 1 }).kind).toBe("meeting");
  });

  it("gives ids that are the same when the same page is read again", () => {
    const items = [lesson("2026-10-12", "09:00", "10:00", "Maths 8X/Ma1")];
    const a = pageItemsToWorkItems(items, "page:edulink", [], 1);
    const b = pageItemsToWorkItems(items, "page:edulink", [], 2);
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]).toMatchObject({ kind: "lesson", directed: true, source: "page:edulink" });
  });

  it("names the source after the site and week", () => {
    const items = [lesson("2016-06-14", "09:00", "10:00", "x"), lesson("2016-06-21", "09:00", "10:00", "y")];
    expect(pageSourceName("Edulink", weeksCovered(items.slice(0, 1), zone))).toBe(
      "Edulink timetable, week of 13 June",
    );
    expect(pageSourceName("Edulink", weeksCovered(items, zone))).toBe(
      "Edulink timetable, weeks of 13 June to 20 June",
    );
  });

  it("leaves out lessons a feed already has in the same slot", () => {
    const items = pageItemsToWorkItems(
      [lesson("2026-10-12", "09:00", "10:00", "Maths"), lesson("2026-10-12", "10:00", "11:00", "Maths")],
      "page:x",
    );
    const { kept, duplicates } = withoutDuplicates(items, [
      { start: at("2026-10-12", "09:00"), end: at("2026-10-12", "10:00"), source: "feed:1" },
    ]);
    expect(duplicates).toBe(1);
    expect(kept).toHaveLength(1);
  });
});
