/**
 * "Read my timetable from this page" in Debian's Firefox ESR: read, preview, confirm and re-read on an
 * edulinkone.com page, and a changed page (Arbor's empty shell for an expired session) refused with nothing
 * imported, with pages served at their real addresses.
 *
 * The toolbar button: a headless Firefox shows no toolbar, and neither WebDriver BiDi nor puppeteer can press a
 * browser action (`action.openPopup()` needs a user gesture, and its panel is not a page a test can reach). So
 * the test makes the grant Firefox's button makes on a click, in the chrome scope
 * (`tabManager.addActiveTabPermission` on that tab), and opens the popup as a page naming the tab
 * (`popup.html?tab=<id>`), as the Chromium test does. Everything from there is the real code: the injection into
 * the page's world under activeTab, the reading, the preview, the confirm, the store.
 */
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edulinkPage, pageFixture } from "../page-fixtures";
import { launchFirefox, readStore, sendFromPage, waitFor, type FirefoxLaunched } from "./harness";

const EDULINK_URL = "https://www.edulinkone.com/#!/timetable";
const EXPIRED_URL = "https://expired.uk.arbor.sc/?/my-mis-ui/calendar/";

type StoredItem = { source: string; title: string; start: number; kind: string };

const text = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null, testId);

async function clickButton(page: Page, name: string): Promise<void> {
  const button = await waitFor(`the "${name}" button`, () =>
    page.$(`xpath/.//button[normalize-space(.)=${JSON.stringify(name)}]`),
  );
  await button!.click();
}

describe("read my timetable from this page, in Firefox ESR", () => {
  let firefox: FirefoxLaunched;

  beforeAll(async () => {
    firefox = await launchFirefox({
      tz: "Europe/London",
      routes: {
        "https://www.edulinkone.com/": { body: edulinkPage() },
        "https://expired.uk.arbor.sc/": { body: pageFixture("arbor/expired-session.html") },
      },
    });
    const options = await firefox.openExtensionPage("options.html");
    await sendFromPage(options, {
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
    });
    await options.close();
  });
  afterAll(async () => firefox?.close());

  async function popupFor(url: string): Promise<{ page: Page; popup: Page }> {
    const page = await firefox.openPage(url);
    const tabId = await firefox.grantActiveTab(url);
    const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`);
    return { page, popup };
  }

  it("Edulink: reads, previews, confirms, and a re-read updates rather than duplicates", async () => {
    const { page, popup } = await popupFor(EDULINK_URL);
    await clickButton(popup, "Read my timetable from this page");
    const preview = await waitFor("the preview", () => text(popup, "read-page-preview"), 30_000);
    expect(preview).toMatch(/Edulink: 38 lessons and 12 other entries/);
    expect(preview).toContain("Science 10y/Sc2");
    expect(preview).toMatch(/09:15–10:15/);
    await clickButton(popup, "Add to my calendar");
    const saved = await waitFor("the saved line", () => text(popup, "read-page-saved"), 30_000);
    expect(saved).toContain("Edulink timetable, weeks of 13 June to 20 June");
    expect(saved).toMatch(/50 added, 0 updated/);

    await clickButton(popup, "Read again");
    await waitFor("the second preview", () => text(popup, "read-page-preview"), 30_000);
    await clickButton(popup, "Add to my calendar");
    expect(await waitFor("the second saved line", () => text(popup, "read-page-saved"), 30_000)).toMatch(
      /0 added, 0 updated/,
    );
    const items = (await readStore<StoredItem[]>(popup, "items")).filter((i) => i.source === "page:edulink");
    expect(items).toHaveLength(50);
    expect(items.find((i) => i.start === Date.parse("2016-06-13T08:15:00Z"))).toMatchObject({
      title: "Science 10y/Sc2",
      kind: "lesson",
    });
    await popup.close();
    await page.close();
  });

  it("refuses a changed page (Arbor's empty shell for an expired session) and imports nothing", async () => {
    const { page, popup } = await popupFor(EXPIRED_URL);
    const before = (await readStore<StoredItem[]>(popup, "items")).length;
    await clickButton(popup, "Read my timetable from this page");
    const refused = await waitFor("the refusal", () => text(popup, "read-page-refused"), 30_000);
    expect(refused).toMatch(/Could not read this page: .*session has ended.*Nothing was imported/);
    expect(await popup.$("xpath/.//button[normalize-space(.)='Add to my calendar']")).toBeNull();
    expect((await readStore<StoredItem[]>(popup, "items")).length).toBe(before);
    await popup.close();
    await page.close();
  });
});
