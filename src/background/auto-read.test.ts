import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createAutoReadHandlers, scriptId, type Outcomes } from "./auto-read";
import { freshDb } from "../../testing/store";
import type { WithinHoursDB } from "../store/db";
import { zonedInstant } from "../ingest/pages/zoned";

const NOW = Date.UTC(2026, 10, 26, 12);
const EDULINK = "https://www.edulinkone.com";
const opened: WithinHoursDB[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

/** The background's automatic reading over an in-memory browser: granted hosts, registered scripts, storage. */
function setup() {
  const db = freshDb();
  opened.push(db);
  const granted = new Set<string>();
  const scripts = new Map<string, string[]>();
  let outcomes: Record<string, Outcomes> = {};
  let pending: Record<string, number> = {};
  const refreshed: string[] = [];
  const handlers = createAutoReadHandlers({
    db: () => db,
    now: () => NOW,
    refresh: async ({ source }) => refreshed.push(source),
    hasHostPermission: async (p) => granted.has(p),
    removeHostPermission: async (p) => void granted.delete(p),
    scripts: {
      list: async () => [...scripts].map(([id, matches]) => ({ id, matches })),
      register: async (id, matches) => {
        if (scripts.has(id)) throw new Error(`Duplicate script ID '${id}'`);
        scripts.set(id, matches);
      },
      unregister: async (ids) => ids.forEach((id) => scripts.delete(id)),
    },
    collect: async () => ({ url: `${EDULINK}/#!/timetable`, html: "<html></html>" }),
    outcomes: { get: async () => structuredClone(outcomes), set: async (all) => void (outcomes = all) },
    pending: { get: async () => ({ ...pending }), set: async (all) => void (pending = all) },
  });
  return { db, handlers, granted, scripts, refreshed, outcomes: () => outcomes };
}

const at = (date: string, h: number) => zonedInstant("Europe/London", date, h * 60);
const lesson = (date: string, h: number, hours = 1) => ({
  title: "Science 9A/Sc2",
  start: at(date, h),
  end: at(date, h + hours),
  group: "9A/Sc2",
  hint: "lesson" as const,
});
const fromPage = (url = `${EDULINK}/#!/timetable`) => ({ url, tab: { id: 7 }, frameId: 0 });

describe("automatic reading of a site the teacher opted in", () => {
  it("registers the reader for that origin only once its permission is granted", async () => {
    const { handlers, granted, scripts } = setup();
    expect(await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK })).toEqual({
      pending: true,
    });
    expect(scripts.size).toBe(0);
    // The teacher accepts the browser's prompt: the permission event finishes the job.
    granted.add(`${EDULINK}/*`);
    await handlers.onPermissionsChanged({ added: [`${EDULINK}/*`] });
    expect([...scripts]).toEqual([[scriptId(EDULINK), [`${EDULINK}/*`]]]);
    // The popup's own answer after the prompt changes nothing more.
    const again = await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    expect(again.site).toMatchObject({ origin: EDULINK, siteName: "Edulink" });
    expect(scripts.size).toBe(1);
  });

  it("a host granted for something else (a feed) registers nothing", async () => {
    const { handlers, granted, scripts } = setup();
    granted.add("https://calendar.example.org/*");
    await handlers.onPermissionsChanged({ added: ["https://calendar.example.org/*"] });
    expect(scripts.size).toBe(0);
  });

  it("imports a reading sent from the opted-in site, as a read from the popup would", async () => {
    const { db, handlers, granted, refreshed } = setup();
    granted.add(`${EDULINK}/*`);
    await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    const items = [lesson("2026-11-23", 9), lesson("2026-11-24", 10)];
    const { outcome } = await handlers["page/auto-read"]({ type: "page/auto-read", items }, fromPage());
    expect(outcome).toMatchObject({
      ok: true,
      text: "Edulink timetable, week of 23 November: 2 added, 0 updated.",
    });
    expect(await db.items.where("source").equals("page:edulink").count()).toBe(2);
    expect(refreshed).toEqual(["page:edulink"]);
    const { sites } = await handlers["auto-read/list"]({ type: "auto-read/list" });
    expect(sites).toEqual([{ origin: EDULINK, siteName: "Edulink", last: outcome, lastRead: outcome }]);
  });

  it("refuses an implausible reading with the popup's rules, and imports nothing", async () => {
    const { db, handlers, granted } = setup();
    granted.add(`${EDULINK}/*`);
    await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    const twentyHours = [lesson("2026-11-23", 2), lesson("2026-11-23", 21)];
    const { outcome } = await handlers["page/auto-read"](
      { type: "page/auto-read", items: twentyHours },
      fromPage(),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.text).toMatch(/^Could not read this page: .*20-hour school day.*Nothing was imported\.$/);
    const refused = await handlers["page/auto-read"](
      { type: "page/auto-read", refused: "The timetable is not on this page." },
      fromPage(),
    );
    expect(refused.outcome.text).toContain("The timetable is not on this page.");
    expect(await db.items.count()).toBe(0);
  });

  it("refuses a site that was not opted in, or whose permission was taken back", async () => {
    const { db, handlers, granted, scripts } = setup();
    const items = [lesson("2026-11-23", 9)];
    const other = fromPage("https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/");
    await expect(handlers["page/auto-read"]({ type: "page/auto-read", items }, other)).rejects.toThrow(
      /not one you asked Within Hours to read automatically/,
    );
    await expect(handlers["page/auto-collect"]({ type: "page/auto-collect" }, other)).rejects.toThrow();
    granted.add(`${EDULINK}/*`);
    await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    granted.delete(`${EDULINK}/*`);
    await handlers.onPermissionsChanged({ removed: [`${EDULINK}/*`] });
    expect(scripts.size).toBe(0);
    await expect(handlers["page/auto-read"]({ type: "page/auto-read", items }, fromPage())).rejects.toThrow();
    expect(await db.items.count()).toBe(0);
  });

  it("Remove unregisters the reader and gives back the permission, unless a feed needs that host", async () => {
    const { db, handlers, granted, scripts } = setup();
    granted.add(`${EDULINK}/*`);
    await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    await db.sources.put({ id: "feed:1", type: "ics-feed", name: "Feed", url: `${EDULINK}/ical/staff.ics` });
    await handlers["auto-read/remove"]({ type: "auto-read/remove", origin: EDULINK });
    expect(scripts.size).toBe(0);
    expect(granted.has(`${EDULINK}/*`)).toBe(true);
    await db.sources.delete("feed:1");
    await handlers["auto-read/enable"]({ type: "auto-read/enable", origin: EDULINK });
    await handlers["auto-read/remove"]({ type: "auto-read/remove", origin: EDULINK });
    expect(granted.has(`${EDULINK}/*`)).toBe(false);
    expect((await handlers["auto-read/list"]({ type: "auto-read/list" })).sites).toEqual([]);
  });
});
