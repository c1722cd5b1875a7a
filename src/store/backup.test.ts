import "fake-indexeddb/auto";
import type { DBCore, Middleware } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { profileWithDefaults } from "../rules/profile-defaults";
import { BackupError, exportAll, importAll, parseBackupText, type Backup } from "./backup";
import { openDatabase, SCHEMA_VERSION, type WithinHoursDB } from "./db";
import { StoreError } from "./errors";
import {
  addClassificationRule,
  putItems,
  recordCoverDecision,
  recordSend,
  saveProfile,
  saveSource,
  setSetting,
} from "./repo";
import { DAY, HOUR, MONDAY, freshDbName, item, manyItems } from "../../testing/store";

const opened: WithinHoursDB[] = [];
function track(d: WithinHoursDB): WithinHoursDB {
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** A database with something in every table. */
async function filledDb(name = freshDbName()): Promise<WithinHoursDB> {
  const d = track(openDatabase(name));
  await saveProfile(
    d,
    profileWithDefaults({ jurisdiction: "scotland", fte: 0.6, contractedDays: [1, 2, 3] }, "2026-09-07"),
  );
  await setSetting(d, "ledger", { computedAt: 5, weeks: [{ minutes: 1320 }] });
  await saveSource(d, {
    id: "feed:timetable",
    type: "ics-feed",
    name: "Timetable",
    url: "https://example.org/t.ics",
    etag: '"abc"',
  });
  await putItems(d, [
    ...manyItems(30),
    item({
      id: "holiday",
      kind: "holiday",
      allDay: true,
      start: MONDAY,
      end: MONDAY + 9 * DAY,
      location: "—",
    }),
    item({ id: "clinic", confirmed: true, kind: "meeting", confidence: 0.4, firstSeen: MONDAY - DAY }),
  ]);
  await recordSend(d, { at: MONDAY + 20 * HOUR, outcome: "warned", site: "gmail" });
  await recordSend(d, { at: MONDAY + 21 * HOUR, outcome: "sent-anyway", site: "outlook" });
  await recordCoverDecision(d, {
    at: MONDAY,
    start: MONDAY + HOUR,
    end: MONDAY + 2 * HOUR,
    choice: "declined",
    rules: ["sco.contact.max"],
  });
  await addClassificationRule(d, { contains: "line management", kind: "meeting", directed: true });
  return d;
}

function withoutExportedAt(backup: Backup): Omit<Backup, "exportedAt"> {
  const { exportedAt: _ignored, ...rest } = backup;
  return rest;
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe("export and import", () => {
  it("round trips through JSON to an identical export", async () => {
    const source = await filledDb();
    const first = await exportAll(source, MONDAY);
    expect(first.exportedAt).toBe("2026-09-07T08:00:00.000Z");
    expect(first.schemaVersion).toBe(SCHEMA_VERSION);
    const text = JSON.stringify(first);

    const target = track(openDatabase(freshDbName()));
    const { counts } = await importAll(target, parseBackupText(text));
    expect(counts).toEqual({
      items: 32,
      sources: 1,
      settings: 2,
      sendLog: 2,
      coverDecisions: 1,
      classificationRules: 1,
    });
    const second = await exportAll(target, MONDAY + DAY);
    expect(withoutExportedAt(second)).toStrictEqual(withoutExportedAt(first));
    expect(JSON.stringify(second.tables)).toBe(JSON.stringify(first.tables));
  });

  it("replaces what was there, and later writes carry on after the imported ids", async () => {
    const backup = JSON.parse(JSON.stringify(await exportAll(await filledDb()))) as Backup;
    const target = track(openDatabase(freshDbName()));
    await putItems(target, [item({ id: "stale" })]);
    await importAll(target, backup);
    expect(await target.items.get("stale")).toBeUndefined();
    const id = await recordSend(target, { at: MONDAY, outcome: "in-hours", site: "gmail" });
    expect(id).toBe(3);
  });

  it("imports a backup written before classification rules existed", async () => {
    const backup = JSON.parse(JSON.stringify(await exportAll(await filledDb()))) as Backup;
    const v1 = { ...backup, schemaVersion: 1, tables: { ...backup.tables, classificationRules: undefined } };
    const target = track(openDatabase(freshDbName()));
    const { counts } = await importAll(target, JSON.parse(JSON.stringify(v1)));
    expect(counts.classificationRules).toBe(0);
    expect(counts.items).toBe(32);
  });
});

describe("an import that is refused leaves the data untouched", () => {
  async function setup() {
    const d = await filledDb();
    const before = await exportAll(d, 0);
    const good = JSON.parse(JSON.stringify(before)) as Backup;
    const untouched = async () => expect(await exportAll(d, 0)).toStrictEqual(before);
    return { d, good, untouched };
  }

  it("refuses a file that is not ours", async () => {
    const { d, untouched } = await setup();
    for (const data of [null, 42, [], { format: "other-app" }, { hello: "world" }]) {
      const error = await refusal(importAll(d, data));
      expect(error.reason).toBe("not-ours");
      expect(error.message).toBe("This file is not a Within Hours backup. Nothing was changed.");
    }
    await untouched();
  });

  it("refuses a backup from a newer version", async () => {
    const { d, good, untouched } = await setup();
    const error = await refusal(importAll(d, { ...good, schemaVersion: SCHEMA_VERSION + 1 }));
    expect(error.reason).toBe("newer-version");
    expect(error.message).toMatch(
      /^This backup was made by a newer version of Within Hours; update the extension/,
    );
    await untouched();
  });

  it("names the damaged row in plain words", async () => {
    const { d, good, untouched } = await setup();
    const items = good.tables.items.map((row, i) => (i === 11 ? { ...row, end: row.start - 1 } : row));
    const error = await refusal(importAll(d, { ...good, tables: { ...good.tables, items } }));
    expect(error.reason).toBe("corrupt");
    expect(error.message).toBe("This backup is damaged (item 12: end is before start); nothing was changed.");
    await untouched();
  });

  it.each([
    [
      "a missing field",
      (b: Backup) => ({ ...b.tables, items: [{ ...b.tables.items[0], kind: undefined }] }),
      "item 1: kind is missing",
    ],
    [
      "an unknown kind",
      (b: Backup) => ({ ...b.tables, items: [{ ...b.tables.items[0], kind: "nap" }] }),
      "item 1: kind has a value Within Hours does not recognise",
    ],
    [
      "a wrong type",
      (b: Backup) => ({ ...b.tables, sendLog: [{ ...b.tables.sendLog[0], at: "noon" }] }),
      "send record 1: at has the wrong kind of value",
    ],
    [
      "a send record carrying a subject",
      (b: Backup) => ({ ...b.tables, sendLog: [{ ...b.tables.sendLog[0], subject: "Sam" }] }),
      "send record 1: it has fields Within Hours does not recognise",
    ],
    [
      "a bad profile",
      (b: Backup) => ({
        ...b.tables,
        settings: b.tables.settings.map((s) =>
          s.key === "profile" ? { ...s, value: { ...(s.value as object), fte: 7 } } : s,
        ),
      }),
      "setting 2: value.fte is out of range",
    ],
    [
      "a duplicate id",
      (b: Backup) => ({ ...b.tables, items: [b.tables.items[0], b.tables.items[0]] }),
      "item 2: the same id appears twice",
    ],
    [
      "a missing table",
      (b: Backup) => ({ ...b.tables, sources: undefined }),
      "the list of calendars is missing",
    ],
    [
      "a table that is not a list",
      (b: Backup) => ({ ...b.tables, sources: {} }),
      "the list of calendars is missing",
    ],
  ])("refuses %s", async (_what, damage, detail) => {
    const { d, good, untouched } = await setup();
    const error = await refusal(importAll(d, JSON.parse(JSON.stringify({ ...good, tables: damage(good) }))));
    expect(error.reason).toBe("corrupt");
    expect(error.message).toBe(`This backup is damaged (${detail}); nothing was changed.`);
    await untouched();
  });

  it("refuses a backup with no version or no tables", async () => {
    const { d, good, untouched } = await setup();
    expect((await refusal(importAll(d, { ...good, schemaVersion: undefined }))).message).toMatch(
      /version number is missing/,
    );
    expect((await refusal(importAll(d, { ...good, schemaVersion: 0 }))).reason).toBe("corrupt");
    expect((await refusal(importAll(d, { ...good, tables: undefined }))).message).toMatch(
      /tables are missing/,
    );
    await untouched();
  });

  function parseFailure(text: string): BackupError {
    try {
      parseBackupText(text);
    } catch (e) {
      expect(e).toBeInstanceOf(BackupError);
      return e as BackupError;
    }
    throw new Error("parsed");
  }

  it("names a backup cut off part way", async () => {
    const { good } = await setup();
    const text = JSON.stringify(good);
    for (const cut of [text.slice(0, -20), text.slice(0, text.length / 2), `${text.slice(0, 100)}\n`]) {
      expect(parseFailure(cut)).toMatchObject({
        reason: "corrupt",
        message:
          "This backup is incomplete: the file ends part way through (a download or copy that did not finish). Nothing was changed.",
      });
    }
  });

  it("names a backup damaged in the middle, by where", async () => {
    const { good } = await setup();
    const text = JSON.stringify(good);
    const error = parseFailure(text.replace('"tables":{', '"tables":{,'));
    expect(error.reason).toBe("corrupt");
    expect(error.message).toMatch(
      /^This backup is damaged \(it cannot be read from character \d+ on\); nothing was changed\.$/,
    );
  });

  it("names the wrong file as not a backup, and a calendar as a calendar", () => {
    expect(parseFailure("").message).toBe(
      "This file is not a Within Hours backup (it is empty). Nothing was changed.",
    );
    expect(parseFailure("{").message).toBe("This file is not a Within Hours backup. Nothing was changed.");
    expect(parseFailure("<html><body>hello</body></html>").reason).toBe("not-ours");
    expect(parseFailure("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").message).toBe(
      "This file is not a Within Hours backup (it is a calendar: add it under Calendars instead). Nothing was changed.",
    );
  });
});

/** Fails the first write to `table`, after the import has already cleared and rewritten earlier tables. */
function failingWrites(table: string, error: () => Error): Middleware<DBCore> {
  return {
    stack: "dbcore",
    name: "FailingWrites",
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== table) return t;
        return { ...t, mutate: (req) => (req.type === "add" ? Promise.reject(error()) : t.mutate(req)) };
      },
    }),
  };
}

describe("a failure part way through an import", () => {
  async function importThatFails(error: () => Error) {
    const name = freshDbName();
    const before = await exportAll(await filledDb(name), 0);
    opened.pop()?.close();
    const replacement = JSON.parse(JSON.stringify(await exportAll(await filledDb(), 0))) as Backup;
    replacement.tables.items = manyItems(2500, "feed:other");

    const d = track(openDatabase(name));
    d.use(failingWrites("coverDecisions", error));
    const failure = await importAll(d, replacement).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { d, before, failure };
  }

  it("rolls every table back to the old rows", async () => {
    const { d, before, failure } = await importThatFails(() => new Error("disk went away"));
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).message).toMatch(/Nothing was changed/);
    expect(await exportAll(d, 0)).toStrictEqual(before);
    expect(await d.items.get("feed:other:0")).toBeUndefined();
  });

  it("says the storage is full when the disk is full", async () => {
    const { d, before, failure } = await importThatFails(
      () => new DOMException("The quota has been exceeded.", "QuotaExceededError"),
    );
    expect(failure).toMatchObject({
      reason: "quota",
      message: "Your browser's storage is full. Nothing was changed; free some space and try again.",
    });
    expect(await exportAll(d, 0)).toStrictEqual(before);
  });
});

describe("a backup the storage or the limits refuse, named", () => {
  it("refuses a 50 MB junk setting with a message that says which and how large", async () => {
    const d = await filledDb();
    const before = await exportAll(d, 0);
    const backup = JSON.parse(JSON.stringify(before)) as Backup;
    backup.tables.settings.push({ key: "junk", value: "x".repeat(50 * 1024 * 1024) });
    const error = await refusal(importAll(d, backup));
    expect(error.message).toMatch(/the setting “junk” holds 50 MB, more than the 256 KB a setting may hold/);
    expect(await exportAll(d, 0)).toStrictEqual(before);
  });

  it("names a row whose key the browser's storage refuses, rather than blaming the browser", async () => {
    const name = freshDbName();
    const before = await exportAll(await filledDb(name), 0);
    opened.pop()?.close();
    const d = track(openDatabase(name));
    d.use(failingWrites("sources", () => new DOMException("The key is not valid.", "DataError")));
    const failure = await refusal(importAll(d, JSON.parse(JSON.stringify(before))));
    expect(failure.message).toMatch(
      /^This backup cannot be restored: calendar 1 was refused by the browser's storage \(.*\)\. Nothing was changed\.$/,
    );
    expect(await exportAll(d, 0)).toStrictEqual(before);
  });
});

describe("a restore's progress", () => {
  it("counts every row written, ending at the total", async () => {
    const source = await filledDb();
    const backup = JSON.parse(JSON.stringify(await exportAll(source, 0))) as Backup;
    const d = track(openDatabase(freshDbName()));
    const seen: [number, number][] = [];
    await importAll(d, backup, (written, total) => seen.push([written, total]));
    const total = Object.values(backup.tables).reduce((sum, rows) => sum + rows.length, 0);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([w], i) => i === 0 || w > seen[i - 1]![0])).toBe(true);
  });
});
