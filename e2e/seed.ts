/**
 * Work items for browser tests and the bench: a plausible secondary timetable for the week starting at
 * `weekStart` (local date), repeated until `count` items exist. Times are made with luxon in `zone`.
 */
import { DateTime } from "luxon";
import type { WorkItem } from "../src/model";

const DAY: [string, string, WorkItem["kind"]][] = [
  ["08:40", "09:00", "registration"],
  ["09:00", "10:00", "lesson"],
  ["10:00", "11:00", "lesson"],
  ["11:20", "12:20", "ppa"],
  ["13:10", "14:10", "lesson"],
  ["14:10", "15:10", "lesson"],
];
const TITLES = ["9X1 Ma", "10B Sci", "7C2 En", "11A Hi", "8D Geo"];

export function demoWeekItems(weekStart: string, zone: string, count = 30): WorkItem[] {
  const items: WorkItem[] = [];
  const monday = DateTime.fromISO(weekStart, { zone });
  for (let week = 0; items.length < count; week++) {
    for (let day = 0; day < 5 && items.length < count; day++) {
      const date = monday.plus({ weeks: week, days: day });
      for (const [from, to, kind] of DAY) {
        if (items.length >= count) break;
        const start = DateTime.fromISO(`${date.toISODate()}T${from}`, { zone }).toMillis();
        const end = DateTime.fromISO(`${date.toISODate()}T${to}`, { zone }).toMillis();
        const title =
          kind === "lesson" ? TITLES[items.length % TITLES.length]! : kind === "ppa" ? "PPA" : "Registration";
        const uid = `seed-${weekStart}-${items.length}`;
        items.push({
          id: `manual:${uid}`,
          start,
          end,
          title,
          kind,
          directed: true,
          source: "manual",
          sourceUid: uid,
          confirmed: true,
        });
      }
    }
  }
  return items;
}
