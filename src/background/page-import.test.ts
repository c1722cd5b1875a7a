import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createHandlers } from "./handlers";
import { freshDb } from "../../testing/store";
import type { WithinHoursDB } from "../store/db";
import { zonedInstant } from "../ingest/pages/zoned";

const NOW = Date.UTC(2026, 10, 26, 12);
const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function setup() {
  const db = freshDb();
  opened.push(db);
  const handlers = createHandlers({
    db: () => db,
    now: () => NOW,
    afterChange: async () => undefined,
    hasHostPermission: async () => false,
    removeHostPermission: async () => undefined,
    attachGuard: async () => undefined,
  });
  return { db, handlers };
}

const at = (date: string, h: number) => zonedInstant("Europe/London", date, h * 60);
const lesson = (date: string, h: number, title = "Science 9A/Sc2") => ({
  title,
  start: at(date, h),
  end: at(date, h + 1),
  location: "Lab 1",
  group: "9A/Sc2",
  hint: "lesson" as const,
});

function reading(items: ReturnType<typeof lesson>[], repeat = false) {
  return {
    type: "source/import-page" as const,
    site: "edulink" as const,
    siteName: "Edulink",
    items,
    ...(repeat ? { repeat } : {}),
  };
}

describe("source/import-page", () => {
  it("makes a source named after the site and week; a re-read updates, the next week adds", async () => {
    const { db, handlers } = setup();
    await handlers["profile/save"]({
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London" },
    });
    const week1 = [lesson("2026-11-23", 9), lesson("2026-11-24", 10)];
    const first = await handlers["source/import-page"](reading(week1));
    expect(first).toMatchObject({ name: "Edulink timetable, week of 23 November", added: 2, updated: 0 });
    const again = await handlers["source/import-page"](reading(week1));
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    // A lesson dropped from this week's page goes; next week's page adds to the source.
    const next = await handlers["source/import-page"](reading([lesson("2026-11-30", 9)]));
    expect(next).toMatchObject({
      name: "Edulink timetable, weeks of 23 November to 30 November",
      added: 1,
      removed: 0,
    });
    const changed = await handlers["source/import-page"](reading(week1.slice(0, 1)));
    expect(changed).toMatchObject({ removed: 1 });
    expect(await db.items.where("source").equals("page:edulink").count()).toBe(2);
    const source = await db.sources.get("page:edulink");
    expect(source).toMatchObject({ type: "page", itemCount: 2 });
  });

  it("does not count a lesson twice when an ICS feed already has it", async () => {
    const { db, handlers } = setup();
    await handlers["profile/save"]({
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London" },
    });
    const ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260901T000000Z\r\n" +
      "DTSTART;TZID=Europe/London:20261123T090000\r\nDTEND;TZID=Europe/London:20261123T100000\r\nSUMMARY:9A/Sc2 Science\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    await handlers["source/import-ics"]({ type: "source/import-ics", name: "timetable.ics", text: ics });
    const reply = await handlers["source/import-page"](
      reading([lesson("2026-11-23", 9), lesson("2026-11-23", 11)]),
    );
    expect(reply).toMatchObject({ duplicates: 1, added: 1 });
    expect(await db.items.count()).toBe(2);
  });

  it("repeats the weeks read across the term when asked", async () => {
    const { db, handlers } = setup();
    await handlers["profile/save"]({
      type: "profile/save",
      profile: {
        jurisdiction: "england",
        timeZone: "Europe/London",
        cycleWeeks: 1,
        terms: [{ name: "Autumn", start: "2026-11-16", end: "2026-12-18" }],
        trainingDays: ["2026-12-07"],
      },
    });
    await handlers["source/import-page"](reading([lesson("2026-11-23", 9)], true));
    const starts = (await db.items.where("source").equals("page:edulink").toArray())
      .map((i) => i.start)
      .sort();
    expect(starts.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
      "2026-12-14",
    ]);
  });
});
