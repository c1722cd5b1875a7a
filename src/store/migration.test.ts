import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { profileWithDefaults } from "../rules/profile-defaults";
import { openDatabase, SCHEMA_VERSION, type WithinHoursDB } from "./db";
import { StoreError } from "./errors";
import {
  addClassificationRule,
  getProfile,
  itemsBetween,
  listClassificationRules,
  recordSend,
  unconfirmedItems,
} from "./repo";
import { DAY, HOUR, MONDAY, freshDbName, item } from "../../testing/store";
import { VERSIONS } from "./versions";

const toDelete: string[] = [];
afterEach(async () => {
  for (const name of toDelete.splice(0)) await Dexie.delete(name);
});

const profile = profileWithDefaults({ jurisdiction: "northern-ireland" }, "2026-09-07");
const holiday = item({
  id: "feed:cal:half-term",
  title: "Half term",
  kind: "holiday",
  allDay: true,
  start: MONDAY,
  end: MONDAY + 9 * DAY,
});

/**
 * Rows as each table held them when it first existed. A new table needs rows here, or the test fails:
 * every table is checked through every migration.
 */
const ROWS_AS_WRITTEN: Record<string, unknown[]> = {
  items: [
    item({ id: "feed:cal:1", firstSeen: MONDAY - DAY }),
    item({ id: "feed:cal:2", start: MONDAY + DAY, end: MONDAY + DAY + HOUR, confirmed: true, kind: "duty" }),
    holiday,
  ],
  sources: [
    { id: "feed:cal", type: "ics-feed", name: "School calendar", url: "https://example.org/cal.ics" },
  ],
  settings: [{ key: "profile", value: profile }],
  sendLog: [{ id: 1, at: MONDAY, outcome: "warned", site: "gmail" }],
  coverDecisions: [
    { id: 1, at: MONDAY, start: MONDAY + HOUR, end: MONDAY + 2 * HOUR, choice: "accepted", rules: [] },
  ],
  classificationRules: [{ id: 1, contains: "line management", kind: "meeting", directed: true }],
};

async function writeAsVersion(name: string, version: number): Promise<string[]> {
  const spec = VERSIONS.find((v) => v.version === version)!;
  const raw = new Dexie(name);
  raw.version(spec.version).stores(spec.stores);
  const tables = Object.keys(spec.stores);
  await raw.transaction("rw", tables, async () => {
    for (const table of tables) {
      const rows = ROWS_AS_WRITTEN[table];
      if (!rows) throw new Error(`Add rows for table "${table}" to ROWS_AS_WRITTEN`);
      await raw.table(table).bulkAdd(rows);
    }
  });
  raw.close();
  return tables;
}

describe("schema versions", () => {
  it("are numbered 1, 2, 3… and the current one is the last", () => {
    expect(VERSIONS.map((v) => v.version)).toEqual(VERSIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(VERSIONS.at(-1)!.version);
  });

  it("never drop a table or an index once released", () => {
    for (let i = 1; i < VERSIONS.length; i++) {
      for (const [table, spec] of Object.entries(VERSIONS[i - 1]!.stores)) {
        const later = VERSIONS[i]!.stores[table]?.split(",").map((s) => s.trim());
        expect(later, `version ${i + 1} keeps ${table}`).toBeDefined();
        for (const index of spec.split(",").map((s) => s.trim())) expect(later).toContain(index);
      }
    }
  });
});

describe.each(VERSIONS.filter((v) => v.version < SCHEMA_VERSION).map((v) => v.version))(
  "a database written by version %i",
  (version) => {
    async function migrated(): Promise<{ db: WithinHoursDB; tables: string[] }> {
      const name = freshDbName();
      toDelete.push(name);
      const tables = await writeAsVersion(name, version);
      const db = openDatabase(name);
      await db.open();
      return { db, tables };
    }

    it("opens at the current version with every row intact", async () => {
      const { db, tables } = await migrated();
      expect(db.verno).toBe(SCHEMA_VERSION);
      for (const table of tables)
        expect(await db.table(table).toArray(), table).toStrictEqual(ROWS_AS_WRITTEN[table]);
      expect(await getProfile(db)).toEqual(profile);
      db.close();
    });

    it("has the new tables, empty and writable", async () => {
      const { db, tables } = await migrated();
      for (const table of db.tables.map((t) => t.name).filter((t) => !tables.includes(t))) {
        expect(await db.table(table).count(), table).toBe(0);
      }
      await addClassificationRule(db, { contains: "gate duty", kind: "duty", directed: true });
      expect(await listClassificationRules(db)).toHaveLength(
        tables.includes("classificationRules") ? ROWS_AS_WRITTEN.classificationRules!.length + 1 : 1,
      );
      db.close();
    });

    it("finds a long item written before the long-item index existed", async () => {
      const { db } = await migrated();
      // The second week of the half-term holiday: the holiday began long before this span.
      expect(await itemsBetween(db, MONDAY + 8 * DAY, MONDAY + 8 * DAY + HOUR)).toStrictEqual([holiday]);
      db.close();
    });

    it("keeps counting ids and answering queries as before", async () => {
      const { db } = await migrated();
      expect(await recordSend(db, { at: MONDAY + DAY, outcome: "in-hours", site: "gmail" })).toBe(2);
      expect((await unconfirmedItems(db)).map((i) => i.id)).toEqual(["feed:cal:1", "feed:cal:half-term"]);
      db.close();
    });
  },
);

describe("a database written by a newer version", () => {
  it("is refused in plain words and left as it was", async () => {
    const name = freshDbName();
    toDelete.push(name);
    const future = new Dexie(name);
    future.version(SCHEMA_VERSION + 1).stores({ ...VERSIONS.at(-1)!.stores, timesheets: "++id" });
    await future.table("settings").put({ key: "profile", value: profile });
    future.close();

    const db = openDatabase(name);
    const error = await getProfile(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ reason: "newer-database" });
    expect((error as Error).message).toMatch(/newer version of Within Hours/);
    db.close();

    const again = new Dexie(name);
    await again.open();
    expect(again.verno).toBe(SCHEMA_VERSION + 1);
    expect(await again.table("settings").count()).toBe(1);
    again.close();
  });
});
