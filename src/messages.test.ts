import { describe, expect, it } from "vitest";
import { requestSchemas } from "./messages";

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 10, 26, 9);

describe("every span, count and text in a message is bounded", () => {
  it("refuses a cover span of 2.4 million hours, and one that ends before it starts", () => {
    const cover = (start: number, end: number) =>
      requestSchemas["cover/verdict"].safeParse({ type: "cover/verdict", start, end }).success;
    expect(cover(AT, AT + HOUR)).toBe(true);
    expect(cover(AT, AT + 2_400_000 * HOUR)).toBe(false);
    expect(cover(AT, AT - HOUR)).toBe(false);
  });

  it("refuses an item lasting years, too many items, and over-long text", () => {
    const item = {
      id: "a",
      start: AT,
      end: AT + HOUR,
      title: "PPA",
      kind: "ppa",
      directed: true,
      source: "manual",
      sourceUid: "a",
      confirmed: true,
    };
    const put = (items: unknown[]) =>
      requestSchemas["items/put"].safeParse({ type: "items/put", items }).success;
    expect(put([item])).toBe(true);
    expect(put([{ ...item, end: AT + 5 * 365 * 24 * HOUR }])).toBe(false);
    expect(put([{ ...item, title: "x".repeat(2001) }])).toBe(false);
    expect(put(Array.from({ length: 50_001 }, () => item))).toBe(false);
  });

  it("refuses a profile with thousands of rule settings or an absurd number", () => {
    const save = (profile: unknown) =>
      requestSchemas["profile/save"].safeParse({ type: "profile/save", profile }).success;
    expect(save({ overrides: { "eng.meetings.weekly": { maxMinutes: 90 } } })).toBe(true);
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`rule.${i}`, { on: true }]));
    expect(save({ overrides: many })).toBe(false);
    expect(save({ overrides: { "eng.meetings.weekly": { maxMinutes: 1e12 } } })).toBe(false);
    expect(save({ emailExceptions: Array.from({ length: 101 }, () => "a@b.c") })).toBe(false);
  });

  it("bounds the texts a page hands over: calendars, feeds and backups", () => {
    const big = "x".repeat(20 * 1024 * 1024 + 1);
    expect(
      requestSchemas["source/import-ics"].safeParse({ type: "source/import-ics", name: "a", text: big })
        .success,
    ).toBe(false);
    expect(
      requestSchemas["source/add-feed"].safeParse({
        type: "source/add-feed",
        name: "",
        url: "https://a.b/c",
        text: big,
      }).success,
    ).toBe(false);
  });
});
