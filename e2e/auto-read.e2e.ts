/**
 * Automatic reading in Chromium, with the built extension and pages served at their real addresses (an
 * edulinkone.com page, a school's uk.arbor.sc page): nothing runs on a page the teacher has not opted in; the
 * teacher opts a site in from the popup's read preview; the next visit updates the site's source with no
 * popup; a page that cannot be read there is refused with its reason and imports nothing; Remove in the
 * options page unregisters the reader and gives back the permission, and the next visit reads nothing.
 *
 * The permission prompt: Chromium shows its "Allow Within Hours to read www.edulinkone.com?" dialog as a
 * browser window no test can reach when headless (`permissions.request` then never answers). So the test grants
 * the site the way a teacher can in the browser's own settings (chrome://extensions › Details › Site access ›
 * On specific sites, whose page calls `developerPrivate.addHostPermission`), and then presses the popup's
 * button, whose `permissions.request` Chrome answers at once, without a prompt, for a host already granted.
 * Everything after the prompt is the real code: the request, the registration, the injection, the reading.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  launchWithExtension,
  pressToolbarButton,
  readStore,
  sendFromPage,
  tabIdOf,
  type Launched,
} from "./harness";
import { edulinkPage, edulinkTimetable, pageFixture } from "./page-fixtures";

const EDULINK = "https://www.edulinkone.com";
const EDULINK_URL = `${EDULINK}/#!/timetable`;
const ARBOR_URL = "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/";

type StoredItem = { id: string; source: string; title: string; start: number; location?: string };
type StoredSource = { id: string; name: string };
type ChromeApi = {
  chrome: {
    permissions: { getAll(): Promise<{ origins?: string[] }> };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
    developerPrivate: { addHostPermission(id: string, host: string): Promise<void> };
  };
};

let browser: Launched;
/** What the Edulink address serves now (a test changes the page between visits). */
let edulinkBody = edulinkPage();
const outside: string[] = [];

beforeAll(async () => {
  browser = await launchWithExtension({
    tz: "Europe/London",
    extraArgs: ["--enable-unsafe-extension-debugging"],
  });
  await browser.ctx.route(/^https?:\/\//, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  await browser.ctx.route(`${EDULINK}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: edulinkBody }),
  );
  await browser.ctx.route("https://greenabbey.uk.arbor.sc/**", (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: pageFixture("arbor/my-calendar-week.html"),
    }),
  );
  const options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  await options.close();
});
afterAll(async () => browser?.close());

/**
 * Open an address in a new tab, watching (CDP) for the extension's content-script world to be created in it:
 * that world exists only if a script of ours was injected.
 */
async function visit(url: string): Promise<{ page: Page; injected: () => boolean }> {
  const page = await browser.ctx.newPage();
  const session = await browser.ctx.newCDPSession(page);
  const worlds: { name: string; auxData?: { type?: string } }[] = [];
  session.on("Runtime.executionContextCreated", (e: { context: (typeof worlds)[number] }) =>
    worlds.push(e.context),
  );
  await session.send("Runtime.enable");
  await page.goto(url);
  return {
    page,
    injected: () => worlds.some((w) => w.auxData?.type === "isolated" && w.name === "Within Hours"),
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pageItems(probe: Page): Promise<StoredItem[]> {
  return (await readStore<StoredItem[]>(probe, "items")).filter((i) => i.source === "page:edulink");
}

async function registered(probe: Page) {
  return probe.evaluate(() =>
    (globalThis as unknown as ChromeApi).chrome.scripting.getRegisteredContentScripts(),
  );
}

async function grantedOrigins(probe: Page) {
  return (
    (await probe.evaluate(() => (globalThis as unknown as ChromeApi).chrome.permissions.getAll())).origins ??
    []
  );
}

describe("read a site automatically when the teacher opens it", () => {
  it("runs nothing on a page load before the teacher opts a site in", async () => {
    for (const url of [EDULINK_URL, ARBOR_URL]) {
      const { page, injected } = await visit(url);
      await pause(2_500);
      expect(injected()).toBe(false);
      await page.close();
    }
    const probe = await browser.openExtensionPage("options.html");
    expect(await registered(probe)).toEqual([]);
    expect(await readStore<StoredSource[]>(probe, "sources")).toEqual([]);
    await probe.close();
  });

  it("is turned on from the popup's read preview, for that one site", async () => {
    const { page } = await visit(EDULINK_URL);
    await pressToolbarButton(browser, page);
    const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdOf(browser, page)}`);
    await popup.getByRole("button", { name: "Read my timetable from this page" }).click();
    await popup.getByTestId("read-page-preview").waitFor({ timeout: 20_000 });
    const turnOn = popup.getByRole("button", { name: "Read this site automatically when I open it" });
    await turnOn.waitFor();
    // The teacher's "Allow" (see the header): the site's access, granted as the browser's settings do.
    const settings = await browser.ctx.newPage();
    await settings.goto("chrome://extensions");
    await settings.evaluate(
      ({ id, host }) =>
        (globalThis as unknown as ChromeApi).chrome.developerPrivate.addHostPermission(id, host),
      { id: browser.extensionId, host: `${EDULINK}/*` },
    );
    await settings.close();
    await turnOn.click();
    await expect
      .poll(() => popup.getByTestId("auto-read-on").textContent())
      .toContain("www.edulinkone.com is read automatically when you open it");
    expect(await registered(popup)).toEqual([
      expect.objectContaining({ id: `auto-read:${EDULINK}`, matches: [`${EDULINK}/*`] }),
    ]);
    // Turning it on imports nothing by itself: the preview was not confirmed.
    expect(await pageItems(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it("the next visit reads the page and updates the site's source, with no popup", async () => {
    const { page, injected } = await visit(EDULINK_URL);
    const probe = await browser.openExtensionPage("options.html");
    await expect.poll(() => pageItems(probe).then((i) => i.length), { timeout: 20_000 }).toBe(50);
    expect(injected()).toBe(true);
    const sources = await readStore<StoredSource[]>(probe, "sources");
    expect(sources.find((s) => s.id === "page:edulink")?.name).toBe(
      "Edulink timetable, weeks of 13 June to 20 June",
    );
    await page.close();

    // The school moves a lesson to another room: the next visit updates that one entry.
    const changed = edulinkTimetable();
    changed.weeks[0]!.days[0]!.lessons[0]!.room = { name: "Science Lab 4" };
    edulinkBody = edulinkPage(changed);
    const second = await visit(EDULINK_URL);
    await expect
      .poll(async () => (await pageItems(probe)).some((i) => i.location?.includes("Science Lab 4")), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await pageItems(probe)).toHaveLength(50);
    await second.page.close();

    await probe.reload();
    const listed = probe.getByTestId("auto-read-site");
    await expect
      .poll(() => listed.textContent())
      .toMatch(
        /www\.edulinkone\.com \(Edulink\).*Last read .*Edulink timetable, weeks of 13 June to 20 June: 0 added, 1 updated\./s,
      );
    await probe.close();
  });

  it("a page there that cannot be read is refused with its reason, and nothing is imported", async () => {
    const probe = await browser.openExtensionPage("options.html");
    const before = await pageItems(probe);
    // The app's page before it has loaded any timetable (or a signed-out page at the same address).
    edulinkBody = edulinkPage(null);
    const { page, injected } = await visit(EDULINK_URL);
    // The options page lists what it finds when it opens.
    const lastVisit = async () => {
      await probe.reload();
      return probe.getByTestId("auto-read-site").textContent();
    };
    await expect
      .poll(lastVisit, { timeout: 20_000, interval: 1_000 })
      .toMatch(/Last visit, .*: Could not read this page: .+ Nothing was imported\./);
    expect(injected()).toBe(true);
    expect(await pageItems(probe)).toEqual(before);
    await page.close();
    await probe.close();
  });

  it("Remove in the options page stops it and gives back the permission: the next visit reads nothing", async () => {
    const options = await browser.openExtensionPage("options.html");
    const site = options.getByTestId("auto-read-site");
    await site.getByRole("button", { name: "Remove" }).click();
    await expect
      .poll(() => options.getByTestId("auto-read-status").textContent())
      .toContain("www.edulinkone.com is no longer read automatically, and its permission is given back.");
    expect(await site.count()).toBe(0);
    expect(await registered(options)).toEqual([]);
    expect(await grantedOrigins(options)).not.toContain(`${EDULINK}/*`);

    const before = await pageItems(options);
    const changed = edulinkTimetable();
    changed.weeks[0]!.days[0]!.lessons[0]!.room = { name: "Science Lab 9" };
    edulinkBody = edulinkPage(changed);
    const { page, injected } = await visit(EDULINK_URL);
    await pause(3_000);
    expect(injected()).toBe(false);
    expect(await pageItems(options)).toEqual(before);
    await page.close();
    await options.close();
  });

  it("sent no request off the machine", () => {
    expect(outside).toEqual([]);
  });
});
