/**
 * Calendar feeds in Chromium, end to end: the teacher adds a webcal link on the options page, the service
 * worker fetches it (served by Playwright at its own https address), a refresh sends the validators and
 * takes a 304, a failed refresh keeps the last good copy and says so, an event deleted upstream
 * disappears, and the refresh alarm reads the feed on its own.
 *
 * The one part a headless browser cannot do is click "Allow" on the host-permission prompt. So this test
 * loads a copy of the built extension whose manifest already grants the one feed host (an unpacked
 * extension gets its `host_permissions` at install); `permissions.request` then answers yes at once, and
 * everything after the click runs as shipped. The real manifest asks for feed hosts only at the click,
 * which e2e/manifest.e2e.ts pins.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_DIR, launchWithExtension, readStore, sendFromPage, type Launched } from "./harness";

const FEED_HOST = "calendar.school.example";
const FEED_URL = `webcal://${FEED_HOST}/staff/ms-smith.ics`;
const TERM = readFileSync(path.resolve("demo/teacher-term.ics"), "utf8");
/** The same feed after the school deleted the "Dentist" event upstream. */
const WITHOUT_DENTIST = TERM.replace(
  /BEGIN:VEVENT\r?\n(?:(?!END:VEVENT)[\s\S])*?SUMMARY:Dentist[\s\S]*?END:VEVENT\r?\n/,
  "",
);

/** What the feed host answers, and what it was asked. */
const server = {
  body: TERM,
  etag: '"v1"',
  failWith: 0,
  requests: [] as { ifNoneMatch?: string; cookie?: string }[],
};

/** Requests that reached this computer's own address (none may). */
const localHits: string[] = [];
/** Answers held back until the test lets them go (a feed that does not answer). */
const held: Route[] = [];

async function answer(route: Route): Promise<void> {
  const path = new URL(route.request().url()).pathname;
  if (path === "/moved-local.ics")
    return route.fulfill({ status: 302, headers: { location: "http://127.0.0.1/cal.ics" }, body: "" });
  if (path === "/moved-local-https.ics")
    return route.fulfill({ status: 302, headers: { location: "https://127.0.0.1/cal.ics" }, body: "" });
  if (path === "/slow.ics") return void held.push(route);
  const headers = route.request().headers();
  server.requests.push({ ifNoneMatch: headers["if-none-match"], cookie: headers["cookie"] });
  if (server.failWith) return route.fulfill({ status: server.failWith, body: "Service Unavailable" });
  if (headers["if-none-match"] === server.etag) return route.fulfill({ status: 304, body: "" });
  return route.fulfill({
    status: 200,
    contentType: "text/calendar; charset=utf-8",
    headers: { etag: server.etag },
    body: server.body,
  });
}

let buildDir: string;
let browser: Launched;
let options: Page;

beforeAll(async () => {
  buildDir = mkdtempSync(path.join(tmpdir(), "wh-feed-build-"));
  cpSync(BUILD_DIR, buildDir, { recursive: true });
  const manifestPath = path.join(buildDir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: [`https://${FEED_HOST}/*`] }));

  browser = await launchWithExtension({ tz: "Europe/London", buildDir });
  await browser.ctx.route(`https://${FEED_HOST}/**`, answer);
  for (const local of ["http://127.0.0.1/**", "https://127.0.0.1/**"])
    await browser.ctx.route(local, (route) => {
      localHits.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/calendar", body: TERM });
    });
  options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
});
afterAll(async () => {
  await browser?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

type StoredItem = { id: string; title: string; source: string };
type StoredSource = {
  id: string;
  type: string;
  url?: string;
  etag?: string;
  lastError?: string;
  itemCount?: number;
};
const feedItems = async () =>
  (await readStore<StoredItem[]>(options, "items")).filter((i) => i.source.startsWith("feed:"));
const feedSource = async () =>
  (await readStore<StoredSource[]>(options, "sources")).find((s) => s.type === "ics-feed");
const status = () => options.getByTestId("sources-status");
const eventsIn = (ics: string) => ics.split("BEGIN:VEVENT").length - 1;

describe("calendar feeds", () => {
  it("the deleted-upstream copy really lacks one event", () => {
    expect(eventsIn(WITHOUT_DENTIST)).toBe(eventsIn(TERM) - 1);
  });

  it("adds a webcal feed from the options page and reads it over https, without cookies", async () => {
    await options.locator("input[name=feed-name]").fill("Staff calendar");
    await options.locator("input[name=feed-url]").fill(FEED_URL);
    await options.getByRole("button", { name: "Add feed" }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).toMatch(/added/i);

    const source = await feedSource();
    expect(source?.url).toBe(`https://${FEED_HOST}/staff/ms-smith.ics`);
    expect(source?.etag).toBe('"v1"');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.cookie).toBeUndefined();
    const items = await feedItems();
    expect(items.length).toBeGreaterThan(eventsIn(TERM)); // weekly lessons expand into many items
    expect(items.some((i) => i.title === "Dentist")).toBe(true);
    await expect.poll(() => options.getByTestId("sources").textContent()).toContain(`${items.length} items`);
    // The teacher's name for it, and where it comes from.
    expect(await options.getByTestId("sources").textContent()).toContain("Staff calendar");
    expect(await options.getByTestId("feed-address").first().textContent()).toBe(
      `https://${FEED_HOST}/staff/ms-smith.ics`,
    );
  });

  it("a refresh sends the feed's ETag and takes a 304 without touching the items", async () => {
    const before = await feedItems();
    await options.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => server.requests.length).toBe(2);
    expect(server.requests[1]!.ifNoneMatch).toBe('"v1"');
    await expect.poll(() => status().textContent()).toMatch(/refreshed/i);
    expect(await feedItems()).toEqual(before);
  });

  it("a failed refresh keeps the last good copy and says so", async () => {
    const before = await feedItems();
    server.failWith = 503;
    await options.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => status().textContent()).toContain("Your last good copy is kept");
    expect(await feedItems()).toEqual(before);
    expect((await feedSource())?.lastError).toContain("503");
    await options.reload();
    await expect.poll(() => options.getByTestId("sources").textContent()).toContain("last good copy is kept");
    server.failWith = 0;
  });

  it("the refresh alarm reads the changed feed on its own, and an event deleted upstream disappears", async () => {
    server.body = WITHOUT_DENTIST;
    server.etag = '"v2"';
    const asked = server.requests.length;
    // Fire the background's own feed alarm now rather than in an hour.
    await browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { alarms: { create(n: string, a: { when: number }): void } } }
      ).chrome.alarms.create("refresh-feeds", { when: Date.now() + 50 }),
    );
    await expect.poll(() => server.requests.length, { timeout: 20_000 }).toBeGreaterThan(asked);
    await expect
      .poll(async () => (await feedItems()).some((i) => i.title === "Dentist"), { timeout: 20_000 })
      .toBe(false);
    const source = await feedSource();
    expect(source?.etag).toBe('"v2"');
    expect(source?.lastError).toBeUndefined();
  });

  it("refuses a feed redirected to 127.0.0.1 and does not add it", async () => {
    const before = (await readStore<StoredSource[]>(options, "sources")).length;
    for (const path of ["moved-local.ics", "moved-local-https.ics"]) {
      await options.locator("input[name=feed-url]").fill(`https://${FEED_HOST}/${path}`);
      await options.getByRole("button", { name: "Add feed" }).click();
      await expect
        .poll(() => status().textContent(), { timeout: 20_000 })
        .toContain("The feed was not added");
      expect(await status().textContent()).toMatch(/another address|this computer|secure/);
    }
    expect(localHits).toEqual([]);
    expect((await readStore<StoredSource[]>(options, "sources")).length).toBe(before);
  });

  it("shows progress while a feed is read and can be cancelled, adding nothing", async () => {
    const before = (await readStore<StoredSource[]>(options, "sources")).length;
    await options.locator("input[name=feed-url]").fill(`https://${FEED_HOST}/slow.ics`);
    await options.getByRole("button", { name: "Add feed" }).click();
    await options.getByRole("progressbar", { name: "Reading the feed" }).waitFor();
    expect(await options.getByRole("button", { name: "Adding…" }).isDisabled()).toBe(true);
    await options.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => status().textContent()).toContain("Cancelled");
    expect(await options.getByRole("button", { name: "Add feed" }).isEnabled()).toBe(true);
    expect((await readStore<StoredSource[]>(options, "sources")).length).toBe(before);
    await Promise.all(held.splice(0).map((route) => route.abort().catch(() => undefined)));
  });
});
