import "fake-indexeddb/auto";
import type { DBCore, Middleware } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import type { Source } from "../model";
import { keptToAcademicYear } from "../model/academic-year";
import { profileWithDefaults } from "../rules/profile-defaults";
import { openDatabase, type WithinHoursDB } from "./db";
import { StoreError } from "./errors";
import { commitSourceImport, getProfile, saveProfile, type SourceImport } from "./repo";
import { freshDbName, manyItems } from "../../testing/store";

const opened: WithinHoursDB[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});
function db(name = freshDbName()): WithinHoursDB {
  const d = openDatabase(name);
  opened.push(d);
  return d;
}

const PROFILE = profileWithDefaults(
  { jurisdiction: "england", academicYearStart: "2026-09-01" },
  "2026-09-07",
);
const SOURCE: Source = { id: "feed:timetable", type: "ics-file", name: "timetable.ics", lastGoodAt: 1 };

function anImport(overrides: Partial<SourceImport> = {}): SourceImport {
  return {
    source: SOURCE,
    items: manyItems(30),
    trainingDays: () => ["2026-09-01"],
    profile: PROFILE,
    ...overrides,
  };
}

async function snapshot(d: WithinHoursDB) {
  return {
    items: await d.items.toArray(),
    sources: await d.sources.toArray(),
    settings: await d.settings.toArray(),
  };
}

/** Fails the first write to `table`, after the import has already written to the tables before it. */
function failingWrites(table: string): Middleware<DBCore> {
  return {
    stack: "dbcore",
    name: "FailingWrites",
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return name !== table ? t : { ...t, mutate: () => Promise.reject(new Error("disk went away")) };
      },
    }),
  };
}

describe("an import, all or nothing", () => {
  it("writes the items, the source and the training days together", async () => {
    const d = db();
    const result = await commitSourceImport(d, anImport());
    expect(result).toMatchObject({ changed: true, counts: { added: 30, updated: 0, removed: 0 } });
    expect(await d.items.count()).toBe(30);
    expect(await d.sources.get(SOURCE.id)).toMatchObject({ name: "timetable.ics" });
    expect((await getProfile(d))?.trainingDays).toEqual(["2026-09-01"]);
  });

  it("writes nothing when the calendar matches what is stored, and says so", async () => {
    const d = db();
    await commitSourceImport(d, anImport());
    const before = await snapshot(d);
    const again = await commitSourceImport(d, anImport({ source: { ...SOURCE, lastGoodAt: 99 } }));
    expect(again).toMatchObject({
      changed: false,
      counts: { added: 0, updated: 0, unchanged: 30, removed: 0 },
    });
    expect(await snapshot(d)).toEqual(before);
  });

  it("moves a feed's check time on when it reads the same, and nothing else", async () => {
    const d = db();
    const feed: Source = { ...SOURCE, type: "ics-feed", url: "https://example.org/t.ics" };
    await commitSourceImport(d, anImport({ source: feed }));
    const again = await commitSourceImport(d, anImport({ source: { ...feed, lastGoodAt: 99 } }));
    expect(again.changed).toBe(false);
    expect((await d.sources.get(SOURCE.id))?.lastGoodAt).toBe(99);
  });

  it("refuses a calendar with more training days than a year holds, writing nothing", async () => {
    const d = db();
    await commitSourceImport(d, anImport());
    const before = await snapshot(d);
    const days = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`);
    const failure = await commitSourceImport(
      d,
      anImport({ items: manyItems(40), trainingDays: () => days }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).message).toMatch(
      /^This calendar marks 32 training \(INSET\) days in your academic year, more than the 30 Within Hours keeps\. Nothing was changed/,
    );
    expect(await snapshot(d)).toEqual(before);
  });

  it.each(["items", "sources", "settings"])(
    "leaves the old state when the write to %s fails",
    async (table) => {
      const name = freshDbName();
      const first = db(name);
      await commitSourceImport(first, anImport());
      const before = await snapshot(first);
      first.close();
      const d = db(name);
      d.use(failingWrites(table));
      const failure = await commitSourceImport(
        d,
        anImport({ items: manyItems(2500).slice(10), trainingDays: () => ["2026-09-02"] }),
      ).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StoreError);
      d.close();
      expect(await snapshot(db(name))).toEqual(before);
    },
  );

  it("keeps only the profile's academic year's training days and terms", async () => {
    const d = db();
    const lastYear = Array.from({ length: 30 }, (_, i) => `2025-10-${String(i + 1).padStart(2, "0")}`);
    await saveProfile(d, {
      ...PROFILE,
      trainingDays: lastYear,
      terms: [
        { name: "Summer 2026", start: "2026-04-20", end: "2026-07-22" },
        { name: "Autumn 2026", start: "2026-09-02", end: "2026-12-18" },
      ],
    });
    // Last year's 30 days would have left no room; they go with their year.
    await commitSourceImport(d, anImport({ trainingDays: () => ["2026-09-01", "2026-11-27"] }));
    const profile = await getProfile(d);
    expect(profile?.trainingDays).toEqual(["2026-09-01", "2026-11-27"]);
    expect(profile?.terms.map((t) => t.name)).toEqual(["Autumn 2026"]);
  });
});

describe("keptToAcademicYear", () => {
  it("keeps the days from the year's first day up to the day before the next year's", () => {
    const kept = keptToAcademicYear({
      ...PROFILE,
      trainingDays: ["2026-08-31", "2026-09-01", "2027-08-31", "2027-09-01"],
      terms: [
        { name: "Straddling", start: "2026-08-20", end: "2026-09-05" },
        { name: "Next year", start: "2027-09-01", end: "2027-12-20" },
      ],
    });
    expect(kept.trainingDays).toEqual(["2026-09-01", "2027-08-31"]);
    expect(kept.terms.map((t) => t.name)).toEqual(["Straddling"]);
  });
});
