import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { Profile } from "../model";
import { profileWithDefaults } from "../rules/profile-defaults";
import type { WithinHoursDB } from "./db";
import { StoreError } from "./errors";
import {
  addClassificationRule,
  confirmItem,
  confirmSameFamily,
  countUnconfirmed,
  coverDecisionsBetween,
  deleteClassificationRule,
  deleteSource,
  getProfile,
  getSetting,
  itemsBetween,
  listClassificationRules,
  listSources,
  putItems,
  recordCoverDecision,
  recordSend,
  replaceSourceItems,
  saveProfile,
  saveSource,
  sendCounts,
  setSetting,
  unconfirmedItems,
} from "./repo";
import { DAY, HOUR, MONDAY, freshDb, item, manyItems } from "../../testing/store";

const opened: WithinHoursDB[] = [];
function db(): WithinHoursDB {
  const d = freshDb();
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const profile: Profile = profileWithDefaults({ jurisdiction: "england", fte: 0.8 }, "2026-09-07");

describe("profile and settings", () => {
  it("returns undefined before a profile is saved, then the saved profile", async () => {
    const d = db();
    expect(await getProfile(d)).toBeUndefined();
    await saveProfile(d, profile);
    expect(await getProfile(d)).toEqual(profile);
  });

  it("refuses an invalid profile with a plain message and keeps the old one", async () => {
    const d = db();
    await saveProfile(d, profile);
    const bad = { ...profile, fte: 3 };
    await expect(saveProfile(d, bad)).rejects.toThrow(/not valid\. Nothing was changed/);
    expect(await getProfile(d)).toEqual(profile);
  });

  it("does not delete a stored profile it cannot read", async () => {
    const d = db();
    await d.settings.put({ key: "profile", value: { jurisdiction: "atlantis" } });
    await expect(getProfile(d)).rejects.toMatchObject({ reason: "invalid" });
    expect(await d.settings.get("profile")).toBeDefined();
  });

  it("keeps other settings by key", async () => {
    const d = db();
    await setSetting(d, "lastFeedRun", { at: 5 });
    expect(await getSetting(d, "lastFeedRun")).toStrictEqual({ at: 5 });
    expect(await getSetting(d, "missing")).toBeUndefined();
  });
});

describe("itemsBetween", () => {
  it("finds items overlapping the span, including a long one that began weeks earlier", async () => {
    const d = db();
    const week = { start: MONDAY + 7 * DAY, end: MONDAY + 14 * DAY };
    await putItems(d, [
      item({ id: "before", start: week.start - 2 * HOUR, end: week.start - HOUR }),
      item({ id: "straddles-start", start: week.start - HOUR, end: week.start + HOUR }),
      item({ id: "inside", start: week.start + DAY, end: week.start + DAY + HOUR }),
      item({ id: "ends-at-start", start: week.start - HOUR, end: week.start }),
      item({ id: "starts-at-end", start: week.end, end: week.end + HOUR }),
      item({ id: "point", start: week.start, end: week.start }),
      item({
        id: "holiday",
        kind: "holiday",
        allDay: true,
        start: week.start - 20 * DAY,
        end: week.start + DAY,
      }),
      item({
        id: "old-holiday",
        kind: "holiday",
        allDay: true,
        start: week.start - 30 * DAY,
        end: week.start - 20 * DAY,
      }),
    ]);
    const found = await itemsBetween(d, week.start, week.end);
    expect(found.map((i) => i.id)).toEqual(["holiday", "straddles-start", "point", "inside"]);
  });

  it("returns items in the model's shape, without the stored index mirror", async () => {
    const d = db();
    const holiday = item({ id: "half-term", kind: "holiday", start: MONDAY, end: MONDAY + 9 * DAY });
    await d.items.put(holiday); // written directly, not through putItems: still indexed
    expect(await itemsBetween(d, MONDAY + 5 * DAY, MONDAY + 6 * DAY)).toStrictEqual([holiday]);
    expect(await d.items.get("half-term")).toStrictEqual(holiday);
    expect(await d.items.toArray()).toStrictEqual([holiday]);
  });

  it("drops the long-item mirror when an item is shortened", async () => {
    const d = db();
    await putItems(d, [item({ id: "trip", start: MONDAY, end: MONDAY + 3 * DAY })]);
    await d.items.update("trip", { end: MONDAY + HOUR });
    expect(await itemsBetween(d, MONDAY + 2 * DAY, MONDAY + 3 * DAY)).toEqual([]);
    expect(await itemsBetween(d, MONDAY, MONDAY + DAY)).toHaveLength(1);
  });
});

describe("putItems", () => {
  it("writes 10,000 items in one call", async () => {
    const d = db();
    const items = manyItems(10_000);
    await putItems(d, items);
    expect(await d.items.count()).toBe(10_000);
    expect(await d.items.get("feed:timetable:9999")).toStrictEqual(items[9999]);
  });

  it("refuses a whole batch with one impossible item, and says which", async () => {
    const d = db();
    const bad = item({ id: "bad", title: "Staff briefing", start: MONDAY, end: MONDAY - HOUR });
    const error = await putItems(d, [item({ id: "good" }), bad]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: "invalid",
      message:
        "A calendar entry could not be saved (“Staff briefing”: end is before start). Nothing was changed.",
    });
    await expect(replaceSourceItems(d, "feed:timetable", [bad])).rejects.toMatchObject({ reason: "invalid" });
    await expect(putItems(d, [{ ...item({ id: "x" }), kind: "nap" as never }])).rejects.toThrow(
      /kind has a value Within Hours does not recognise/,
    );
    expect(await d.items.count()).toBe(0);
  });

  it("upserts by id without duplicating", async () => {
    const d = db();
    await putItems(d, [item({ id: "a" })]);
    await putItems(d, [item({ id: "a", title: "Renamed" })]);
    expect(await d.items.toArray()).toStrictEqual([item({ id: "a", title: "Renamed" })]);
  });
});

describe("replaceSourceItems", () => {
  const source = "feed:timetable";

  it("adds, updates, keeps and removes, and leaves other sources alone", async () => {
    const d = db();
    await putItems(d, [
      item({ id: "keep" }),
      item({ id: "move", start: MONDAY + DAY, end: MONDAY + DAY + HOUR }),
      item({ id: "gone" }),
      item({ id: "other", source: "manual" }),
    ]);
    const { counts, stored } = await replaceSourceItems(d, source, [
      item({ id: "keep" }),
      item({ id: "move", start: MONDAY + 2 * DAY, end: MONDAY + 2 * DAY + HOUR }),
      item({ id: "new" }),
      item({ id: "new" }),
    ]);
    expect(counts).toEqual({ added: 1, updated: 1, unchanged: 1, removed: 1 });
    expect(stored.map((i) => i.id).sort()).toEqual(["keep", "move", "new"]);
    const ids = (await d.items.toArray()).map((i) => i.id).sort();
    expect(ids).toEqual(["keep", "move", "new", "other"]);
    expect((await d.items.get("move"))?.start).toBe(MONDAY + 2 * DAY);
  });

  it("keeps the teacher's confirmed kind and directed status, and the first time an item was seen", async () => {
    const d = db();
    await putItems(d, [
      item({ id: "clinic", title: "Clinic", kind: "other", directed: false, firstSeen: 100 }),
    ]);
    await confirmItem(d, "clinic", "meeting", true);
    await replaceSourceItems(d, source, [
      item({ id: "clinic", title: "Year 11 clinic", kind: "other", directed: false, firstSeen: 900 }),
    ]);
    expect(await d.items.get("clinic")).toMatchObject({
      title: "Year 11 clinic",
      kind: "meeting",
      directed: true,
      confirmed: true,
      firstSeen: 100,
    });
  });

  it("takes the new classification for items the teacher has not confirmed", async () => {
    const d = db();
    await putItems(d, [item({ id: "x", kind: "other", directed: false })]);
    await replaceSourceItems(d, source, [item({ id: "x", kind: "meeting", directed: true })]);
    expect(await d.items.get("x")).toMatchObject({ kind: "meeting", directed: true, confirmed: false });
  });

  it("refuses items that belong to another source before writing anything", async () => {
    const d = db();
    await putItems(d, [item({ id: "a" })]);
    await expect(replaceSourceItems(d, source, [item({ id: "b", source: "manual" })])).rejects.toThrow(
      TypeError,
    );
    expect(await d.items.count()).toBe(1);
  });

  it("empties a source whose calendar is now empty", async () => {
    const d = db();
    await putItems(d, manyItems(2500));
    expect((await replaceSourceItems(d, source, [])).counts).toMatchObject({ removed: 2500, added: 0 });
    expect(await d.items.count()).toBe(0);
  });
});

describe("confirmations", () => {
  it("confirms an item and lists the rest earliest first, one per title, up to a limit", async () => {
    const d = db();
    const titled = manyItems(6).map((it, i) => ({
      ...it,
      title: `Entry ${"ABCDE"[i % 5]}`,
      confidence: 0.4,
    }));
    titled[4]!.confidence = 0.9; // sure enough: not asked about
    await putItems(d, titled);
    await confirmItem(d, "feed:timetable:0", "duty", true);
    expect(await d.items.get("feed:timetable:0")).toMatchObject({ kind: "duty", confirmed: true });
    expect((await unconfirmedItems(d, 2)).map((i) => i.id)).toEqual(["feed:timetable:1", "feed:timetable:2"]);
    // "Entry A" is asked once more (item 5), "Entry E" not at all.
    expect(await countUnconfirmed(d)).toBe(4);
  });

  it("applies one answer to every unconfirmed item with the same title", async () => {
    const d = db();
    const weekly = manyItems(4).map((it) => ({
      ...it,
      title: "Line management",
      kind: "other" as const,
      confidence: 0.3,
    }));
    await putItems(d, weekly);
    expect(await confirmSameFamily(d, "Line management", "meeting", true)).toBe(4);
    expect(await countUnconfirmed(d)).toBe(0);
    expect((await d.items.toArray()).every((i) => i.kind === "meeting" && i.confirmed)).toBe(true);
  });

  it("asks once per title family, and one answer covers the family", async () => {
    const d = db();
    const weeks = manyItems(4).map((it, i) => ({
      ...it,
      title: `Academic Week ${i + 1}`,
      kind: "other" as const,
      confidence: 0.5,
    }));
    await putItems(d, [
      ...weeks,
      item({
        id: "other",
        title: "Blue sky thinking",
        confidence: 0.3,
        start: MONDAY + 20 * HOUR,
        end: MONDAY + 21 * HOUR,
      }),
    ]);
    expect((await unconfirmedItems(d, 10)).map((i) => i.title)).toEqual([
      "Academic Week 1",
      "Blue sky thinking",
    ]);
    expect(await confirmSameFamily(d, "Academic Week 1", "other", false)).toBe(4);
    expect((await unconfirmedItems(d, 10)).map((i) => i.title)).toEqual(["Blue sky thinking"]);
  });

  it("says plainly when the item has gone", async () => {
    const d = db();
    const error = await confirmItem(d, "nope", "duty", true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ reason: "not-found" });
    expect((error as Error).message).toMatch(/no longer there/);
  });

  it("confirming twice with the same answer is fine", async () => {
    const d = db();
    await putItems(d, [item({ id: "a" })]);
    await confirmItem(d, "a", "lesson", true);
    await expect(confirmItem(d, "a", "lesson", true)).resolves.toBeUndefined();
  });
});

describe("sources", () => {
  it("saves, lists by name, and deletes a source with its items only", async () => {
    const d = db();
    await saveSource(d, {
      id: "feed:b",
      type: "ics-feed",
      name: "School calendar",
      url: "https://example.org/a.ics",
    });
    await saveSource(d, { id: "file:a", type: "ics-file", name: "Arbor timetable", lastError: undefined });
    expect((await listSources(d)).map((s) => s.id)).toEqual(["file:a", "feed:b"]);
    expect(await d.sources.get("file:a")).not.toHaveProperty("lastError");
    await putItems(d, [...manyItems(3, "feed:b"), ...manyItems(2, "file:a")]);
    expect(await deleteSource(d, "feed:b")).toEqual({ removedItems: 3 });
    expect((await listSources(d)).map((s) => s.id)).toEqual(["file:a"]);
    expect(await d.items.count()).toBe(2);
  });

  it("refuses a source with an unknown type", async () => {
    const d = db();
    await expect(saveSource(d, { id: "x", type: "fax" as never, name: "Fax" })).rejects.toMatchObject({
      reason: "invalid",
    });
  });
});

describe("send log", () => {
  it("keeps times and outcomes only, and counts every outcome in a span", async () => {
    const d = db();
    const leaky = { at: MONDAY, outcome: "warned", site: "gmail", subject: "Report for Sam" } as never;
    await recordSend(d, leaky);
    await recordSend(d, { at: MONDAY + HOUR, outcome: "warned", site: "outlook" });
    await recordSend(d, { at: MONDAY + 2 * HOUR, outcome: "sent-anyway", site: "gmail" });
    await recordSend(d, { at: MONDAY + DAY, outcome: "in-hours", site: "gmail" });
    expect(await d.sendLog.get(1)).toStrictEqual({ id: 1, at: MONDAY, outcome: "warned", site: "gmail" });
    await expect(
      recordSend(d, { at: MONDAY, outcome: "shouted" as never, site: "gmail" }),
    ).rejects.toMatchObject({
      reason: "invalid",
    });
    expect(await sendCounts(d, MONDAY, MONDAY + DAY)).toEqual({
      "in-hours": 0,
      warned: 2,
      "sent-anyway": 1,
      scheduled: 0,
      cancelled: 0,
      "guard-error": 0,
    });
  });
});

describe("cover decisions", () => {
  it("records a pending request, updates it, and finds it by slot", async () => {
    const d = db();
    const id = await recordCoverDecision(d, {
      at: MONDAY,
      start: MONDAY + DAY,
      end: MONDAY + DAY + HOUR,
      choice: "pending",
      rules: ["eng.cover.rarely"],
    });
    await recordCoverDecision(d, {
      id,
      at: MONDAY,
      start: MONDAY + DAY,
      end: MONDAY + DAY + HOUR,
      choice: "declined",
      rules: ["eng.cover.rarely"],
    });
    const found = await coverDecisionsBetween(d, MONDAY, MONDAY + 7 * DAY);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id, choice: "declined" });
  });
});

describe("classification rules", () => {
  it("adds rules in lower case, lets the newest rule for the same text win, and deletes", async () => {
    const d = db();
    await addClassificationRule(d, { contains: " Line Management ", kind: "meeting", directed: true });
    const id = await addClassificationRule(d, {
      contains: "line management",
      kind: "other",
      directed: false,
    });
    await addClassificationRule(d, { contains: "gate duty", kind: "duty", directed: true });
    const rules = await listClassificationRules(d);
    expect(rules.map((r) => [r.contains, r.kind])).toEqual([
      ["line management", "other"],
      ["gate duty", "duty"],
    ]);
    await deleteClassificationRule(d, id);
    expect(await listClassificationRules(d)).toHaveLength(1);
  });

  it("refuses an empty rule", async () => {
    const d = db();
    await expect(
      addClassificationRule(d, { contains: "  ", kind: "duty", directed: true }),
    ).rejects.toMatchObject({
      reason: "invalid",
    });
  });
});
