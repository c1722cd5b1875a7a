import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { wallClockToEpoch, zoneForMany } from "./timezones";

const MINUTE = 60_000;

describe("zoneForMany", () => {
  // Whole-hour, half-hour and 45-minute offsets, a 30-minute clock change (Lord Howe), historical local mean
  // time (Europe/London before 1847), and the names luxon reads as fixed offsets.
  const zones = [
    "Europe/London",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "UTC",
    "utc",
    "Etc/GMT-10",
    "UTC+10:00",
    "Not/AZone",
  ];
  const spans = [
    [Date.UTC(2026, 2, 27), Date.UTC(2026, 3, 7)],
    [Date.UTC(2026, 8, 25), Date.UTC(2026, 10, 3)],
    [Date.UTC(1847, 11, 1), Date.UTC(1847, 11, 2)],
  ] as const;

  it("gives luxon's own local times, across clock changes", () => {
    for (const name of zones) {
      const zone = zoneForMany(name);
      for (const [from, to] of spans) {
        // 7 minutes and 13 seconds apart, so every minute of the hour comes up.
        for (let t = from; t < to; t += 7 * MINUTE + 13_000) {
          const expected = DateTime.fromMillis(t, { zone: name }).toISO({ suppressMilliseconds: true });
          expect(DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true })).toBe(expected);
        }
      }
    }
  });
});

describe("wallClockToEpoch", () => {
  it("matches luxon on ordinary days and on clock-change days", () => {
    for (const zone of ["Europe/London", "Pacific/Auckland", "Australia/Lord_Howe"]) {
      for (let day = 0; day < 400; day += 3) {
        const date = DateTime.utc(2026, 1, 1).plus({ days: day });
        for (const [hour, minute] of [
          [0, 0],
          [1, 30],
          [2, 15],
          [9, 5],
          [23, 59],
        ] as const) {
          const expected = DateTime.fromObject(
            { year: date.year, month: date.month, day: date.day, hour, minute },
            { zone },
          ).toMillis();
          expect(wallClockToEpoch(zone, date.year, date.month, date.day, hour, minute)).toBe(expected);
        }
      }
    }
  });
});
