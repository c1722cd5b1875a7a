import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createHandlers } from "./handlers";
import { freshDb } from "../../testing/store";
import type { WithinHoursDB } from "../store/db";
import { getProfile } from "../store/repo";
import { sourceWithItems } from "../store/queries";

const NOW = Date.UTC(2026, 10, 26, 12);
const FEED = "https://calendar.example.org/school.ics";

function icsWith(...summaries: string[]): string {
  const events = summaries.map(
    (summary, i) =>
      `BEGIN:VEVENT\r\nUID:ev-${i}\r\nDTSTAMP:20260901T000000Z\r\nDTSTART;TZID=Europe/London:202611${23 + i}T160000\r\n` +
      `DTEND;TZID=Europe/London:202611${23 + i}T170000\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`,
  );
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events.join("")}END:VCALENDAR\r\n`;
}

const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function setup(responses: (() => Response)[]) {
  const db = freshDb();
  opened.push(db);
  const requests: RequestInit[] = [];
  const fetchImpl = (async (_url: URL, init: RequestInit) => {
    requests.push(init);
    const next = responses.shift();
    if (!next) throw new TypeError("network down");
    return next();
  }) as unknown as typeof fetch;
  const attached: [number, number, string][] = [];
  const released: string[] = [];
  const handlers = createHandlers({
    db: () => db,
    now: () => NOW,
    afterChange: async () => undefined,
    hasHostPermission: async (origin) => origin === "https://calendar.example.org/*",
    removeHostPermission: async (origin) => void released.push(origin),
    attachGuard: async (tabId, frameId, site) => void attached.push([tabId, frameId, site]),
    fetchImpl,
  });
  return { db, handlers, requests, attached, released };
}

describe("feeds through the handlers", () => {
  it("adds a feed, refreshes with validators, and keeps the last good copy when a refresh fails", async () => {
    const { db, handlers, requests } = setup([
      () => new Response(null, { status: 304 }),
      () => new Response("Service Unavailable", { status: 503, statusText: "Service Unavailable" }),
    ]);
    const added = await handlers["source/add-feed"]({
      type: "source/add-feed",
      name: "School",
      url: `webcal://calendar.example.org/school.ics`,
      text: icsWith("Staff briefing", "Dept meeting"),
      etag: '"v1"',
    });
    expect(added).toMatchObject({ added: 2, total: 2, name: "School" });
    const [source] = await db.sources.toArray();
    expect(source).toMatchObject({ type: "ics-feed", url: FEED, etag: '"v1"', itemCount: 2 });

    expect(await handlers["source/refresh"]({ type: "source/refresh", id: source!.id })).toEqual({
      notModified: true,
    });
    expect((requests[0]!.headers as Record<string, string>)["If-None-Match"]).toBe('"v1"');

    await expect(handlers["source/refresh"]({ type: "source/refresh", id: source!.id })).rejects.toThrow(
      /503 Service Unavailable.*last good copy is kept/,
    );
    expect(await db.items.count()).toBe(2);
    expect(await db.sources.get(source!.id)).toMatchObject({
      lastError: expect.stringMatching(/last good copy/),
    });
  });

  it("refuses a feed whose host the teacher has not allowed, storing nothing", async () => {
    const { db, handlers } = setup([]);
    await expect(
      handlers["source/add-feed"]({
        type: "source/add-feed",
        name: "Other",
        url: "https://elsewhere.example.com/a.ics",
        text: icsWith("PPA"),
      }),
    ).rejects.toThrow(/needs your permission to read elsewhere.example.com/);
    expect(await db.sources.count()).toBe(0);
  });

  it("does not add a feed that cannot be read, and names one from its calendar", async () => {
    const { db, handlers } = setup([]);
    const url = FEED;
    await expect(
      handlers["source/add-feed"]({ type: "source/add-feed", name: "", url, text: "<html>Sign in</html>" }),
    ).rejects.toThrow(/calendar/i);
    expect(await db.sources.count()).toBe(0);

    const named = icsWith("PPA").replace(
      "PRODID:-//test//EN",
      "PRODID:-//test//EN\r\nX-WR-CALNAME:Hillside staff",
    );
    const added = await handlers["source/add-feed"]({ type: "source/add-feed", name: " ", url, text: named });
    expect(added).toMatchObject({ name: "Hillside staff" });
    expect((await db.sources.toArray())[0]).toMatchObject({ name: "Hillside staff", url });
  });

  it("gives back a feed's host permission when its last feed is removed", async () => {
    const { db, handlers, released } = setup([]);
    const add = (path: string) =>
      handlers["source/add-feed"]({
        type: "source/add-feed",
        name: path,
        url: `https://calendar.example.org/${path}.ics`,
        text: icsWith(path),
      });
    await add("one");
    await add("two");
    const [first, second] = await db.sources.toArray();
    await handlers["source/delete"]({ type: "source/delete", id: first!.id });
    expect(released).toEqual([]);
    await handlers["source/delete"]({ type: "source/delete", id: second!.id });
    expect(released).toEqual(["https://calendar.example.org/*"]);
  });

  it("a removed calendar comes back with its items, as the page kept them, on Undo", async () => {
    const { db, handlers } = setup([]);
    await handlers["source/import-ics"]({
      type: "source/import-ics",
      name: "term.ics",
      text: icsWith("Staff briefing", "Line management"),
    });
    const kept = await sourceWithItems(db, "file:term.ics");
    expect(kept?.items).toHaveLength(2);
    await handlers["source/delete"]({ type: "source/delete", id: "file:term.ics" });
    expect(await db.items.count()).toBe(0);
    await handlers["source/restore"]({ type: "source/restore", source: kept!.source, items: kept!.items });
    expect(await db.sources.get("file:term.ics")).toEqual(kept!.source);
    expect((await db.items.toArray()).map((i) => i.title).sort()).toEqual([
      "Line management",
      "Staff briefing",
    ]);
  });

  it("a broken file is refused in plain words and leaves stored items alone", async () => {
    const { db, handlers } = setup([]);
    await handlers["source/import-ics"]({
      type: "source/import-ics",
      name: "term.ics",
      text: icsWith("PPA"),
    });
    await expect(
      handlers["source/import-ics"]({
        type: "source/import-ics",
        name: "term.ics",
        text: "this is not a calendar",
      }),
    ).rejects.toThrow(/calendar/i);
    expect(await db.items.count()).toBe(1);
  });

  it("a calendar read again unchanged says so and writes nothing, not even a recount", async () => {
    const { db, handlers } = setup([]);
    const text = icsWith("PPA", "Dept meeting");
    const first = await handlers["source/import-ics"]({ type: "source/import-ics", name: "term.ics", text });
    expect(first).toMatchObject({ added: 2, changed: true });
    const before = {
      items: await db.items.toArray(),
      sources: await db.sources.toArray(),
      settings: await db.settings.toArray(),
    };
    const again = await handlers["source/import-ics"]({ type: "source/import-ics", name: "term.ics", text });
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2, changed: false });
    expect({
      items: await db.items.toArray(),
      sources: await db.sources.toArray(),
      settings: await db.settings.toArray(),
    }).toEqual(before);
  });

  it("saving a profile with a new jurisdiction takes that jurisdiction's defaults", async () => {
    const { db, handlers } = setup([]);
    await handlers["profile/save"]({ type: "profile/save", profile: { jurisdiction: "england", fte: 0.8 } });
    await handlers["profile/save"]({ type: "profile/save", profile: { jurisdiction: "northern-ireland" } });
    expect(await getProfile(db)).toMatchObject({ jurisdiction: "northern-ireland", weekStart: 7, fte: 1 });
  });

  it("records sends as times and outcomes only", async () => {
    const { db, handlers } = setup([]);
    await handlers["guard/record-send"]({
      type: "guard/record-send",
      at: NOW,
      outcome: "warned",
      site: "gmail",
    });
    expect(await db.sendLog.toArray()).toEqual([{ id: 1, at: NOW, outcome: "warned", site: "gmail" }]);
  });

  it("drops a send-log row beyond the tab's quota, and logs within it", async () => {
    const db = freshDb();
    opened.push(db);
    const tabs: (number | undefined)[] = [];
    const handlers = createHandlers({
      db: () => db,
      now: () => NOW,
      afterChange: async () => undefined,
      hasHostPermission: async () => false,
      removeHostPermission: async () => undefined,
      attachGuard: async () => undefined,
      admitSendRecord: async (tab) => (tabs.push(tab), tabs.length === 1),
    });
    const row = { type: "guard/record-send", at: NOW, outcome: "warned", site: "gmail" } as const;
    expect(await handlers["guard/record-send"](row, { tab: { id: 4 } })).toEqual({});
    expect(await handlers["guard/record-send"](row, { tab: { id: 4 } })).toEqual({ logged: false });
    expect(tabs).toEqual([4, 4]);
    expect(await db.sendLog.count()).toBe(1);
  });

  it("attaches the send guard only into the frame that asked for it", async () => {
    const { handlers, attached } = setup([]);
    await handlers["guard/attach"]({ type: "guard/attach", site: "outlook" }, { tab: { id: 7 }, frameId: 3 });
    expect(attached).toEqual([[7, 3, "outlook"]]);
    // Not from a tab (an extension page, say): nothing to attach to.
    await expect(handlers["guard/attach"]({ type: "guard/attach", site: "gmail" }, {})).rejects.toThrow(
      /only to a mail tab/,
    );
    expect(attached).toHaveLength(1);
  });
});
