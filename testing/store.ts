/** Shared fixtures for the store's tests (fake-indexeddb in Node). */
import type { WorkItem } from "../src/model";
import { openDatabase, type WithinHoursDB } from "../src/store/db";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Monday 7 September 2026, 08:00 UTC. */
export const MONDAY = Date.UTC(2026, 8, 7, 8);

let counter = 0;
/** A fresh database with a name no other test uses. */
export function freshDbName(): string {
  counter += 1;
  return `within-hours-test-${process.pid}-${counter}`;
}

export function freshDb(): WithinHoursDB {
  return openDatabase(freshDbName());
}

export function item(overrides: Partial<WorkItem> & { id: string }): WorkItem {
  return {
    start: MONDAY,
    end: MONDAY + HOUR,
    title: "Year 9 maths",
    kind: "lesson",
    directed: true,
    source: "feed:timetable",
    sourceUid: overrides.id,
    confirmed: false,
    ...overrides,
  };
}

/** `count` one-hour lessons, one every two hours from MONDAY. */
export function manyItems(count: number, source = "feed:timetable"): WorkItem[] {
  return Array.from({ length: count }, (_, i) =>
    item({ id: `${source}:${i}`, source, start: MONDAY + i * 2 * HOUR, end: MONDAY + i * 2 * HOUR + HOUR }),
  );
}
