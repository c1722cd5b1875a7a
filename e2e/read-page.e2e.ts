/**
 * "Read my timetable from this page" in Chromium, with the built extension and pages served at their real
 * addresses (an edulinkone.com page, a school's uk.arbor.sc page, calendar.google.com, outlook.office.com).
 *
 * A test cannot click the toolbar button, so it presses it through CDP (Extensions.triggerAction), which makes
 * Chrome grant activeTab on that tab exactly as a click does; the popup is then opened as a page naming that
 * tab (`popup.html?tab=<id>`), because the bubble Chrome opens is not reachable from Playwright. So the grant,
 * the injection into the page's world, the reading, the preview, the confirm and the store are all the real
 * code; the popup's own choice of "the active tab" is not exercised here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
type Tab = { id?: number; url?: string };
import {
  launchWithExtension,
  pressToolbarButton,
  readStore,
  sendFromPage,
  tabIdOf,
  type Launched,
} from "./harness";
import { edulinkPage, pageFixture } from "./page-fixtures";

const fixture = pageFixture;

const PAGES = {
  edulink: { url: "https://www.edulinkone.com/#!/timetable", body: edulinkPage() },
  arbor: {
    url: "https://greenabbey.uk.arbor.sc/?/my-mis-ui/calendar/",
    body: fixture("arbor/my-calendar-week.html"),
  },
  google: {
    url: "https://calendar.google.com/calendar/u/0/r/week/2026/6/8",
    body: fixture("google-calendar/week-en-gb.html"),
  },
  outlook: {
    url: "https://outlook.office.com/calendar/view/week",
    body: fixture("outlook/calendar-week.html"),
  },
  // Any other school system's timetable table (here at a Bromcom address), with no weekday names or times.
  table: {
    url: "https://cloudmis.bromcom.com/Nucleus/UI/Timetable.aspx",
    body: fixture("html-table/no-axes.html"),
  },
  expired: {
    url: "https://expired.uk.arbor.sc/?/my-mis-ui/calendar/",
    body: fixture("arbor/expired-session.html"),
  },
};

let browser: Launched;
/** Every request that was not one of the pages above: none may leave the machine. */
const outside: string[] = [];

beforeAll(async () => {
  browser = await launchWithExtension({
    tz: "Europe/London",
    extraArgs: ["--enable-unsafe-extension-debugging"],
  });
  // Registered first, so the pages' own routes (registered later) take precedence.
  await browser.ctx.route(/^https?:\/\//, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  for (const page of Object.values(PAGES)) {
    const origin = new URL(page.url).origin;
    await browser.ctx.route(`${origin}/**`, (route) =>
      route.request().url().split("#")[0] === page.url.split("#")[0]
        ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: page.body })
        : route.fulfill({ status: 404, body: "" }),
    );
  }
  const options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  await options.close();
});
afterAll(async () => browser?.close());

async function openSite(url: string): Promise<Page> {
  const page = await browser.ctx.newPage();
  await page.goto(url);
  return page;
}

async function openPopupFor(page: Page): Promise<Page> {
  const id = await tabIdOf(browser, page);
  expect(id).toBeGreaterThan(0);
  return browser.openExtensionPage(`popup.html?tab=${id}`);
}

type StoredItem = { id: string; source: string; title: string; start: number; kind: string };
type StoredSource = { id: string; name: string; type: string };

async function readAndConfirm(popup: Page): Promise<{ preview: string; saved: string }> {
  await popup.getByRole("button", { name: /Read my timetable from this page|Read again/ }).click();
  const preview = popup.getByTestId("read-page-preview");
  await preview.waitFor({ timeout: 20_000 });
  const previewText = (await preview.textContent()) ?? "";
  await popup.getByRole("button", { name: "Add to my calendar" }).click();
  const saved = popup.getByTestId("read-page-saved");
  await saved.waitFor({ timeout: 20_000 });
  return { preview: previewText, saved: (await saved.textContent()) ?? "" };
}

describe("read my timetable from this page", () => {
  it("reads nothing without the teacher's click: no host permission on the page", async () => {
    const page = await openSite(PAGES.arbor.url);
    // The tab id, found without any grant: the only http tab in the context.
    const probe = await browser.openExtensionPage("options.html");
    const ids = await probe.evaluate(async () =>
      (
        await (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } }
        ).chrome.tabs.query({})
      ).map((t) => t.id ?? -1),
    );
    await probe.close();
    const popups: Page[] = [];
    let refused = false;
    for (const id of ids) {
      const popup = await browser.openExtensionPage(`popup.html?tab=${id}`);
      popups.push(popup);
      await popup.getByRole("button", { name: "Read my timetable from this page" }).click();
      const alert = popup.getByTestId("read-page-refused");
      if (
        await alert.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        )
      )
        refused = true;
      expect(await popup.getByTestId("read-page-preview").count()).toBe(0);
    }
    expect(refused).toBe(true);
    for (const p of popups) await p.close();
    await page.close();
  });

  it("Edulink: reads, previews, confirms, and a re-read updates rather than duplicates", async () => {
    const page = await openSite(PAGES.edulink.url);
    await pressToolbarButton(browser, page);
    const popup = await openPopupFor(page);
    const first = await readAndConfirm(popup);
    expect(first.preview).toMatch(/Edulink: 38 lessons and 12 other entries/);
    expect(first.preview).toContain("Science 10y/Sc2");
    expect(first.preview).toContain("Science Lab 1");
    expect(first.preview).toMatch(/09:15–10:15/);
    expect(first.saved).toContain("Edulink timetable, weeks of 13 June to 20 June");
    expect(first.saved).toMatch(/50 added, 0 updated/);
    const again = await readAndConfirm(popup);
    expect(again.saved).toMatch(/0 added, 0 updated/);
    const items = (await readStore<StoredItem[]>(popup, "items")).filter((i) => i.source === "page:edulink");
    expect(items).toHaveLength(50);
    const monday = items.find((i) => i.start === Date.parse("2016-06-13T08:15:00Z"));
    expect(monday).toMatchObject({ title: "Science 10y/Sc2", kind: "lesson" });
    const sources = await readStore<StoredSource[]>(popup, "sources");
    expect(sources.find((s) => s.id === "page:edulink")).toMatchObject({ type: "page" });
    await popup.close();
    await page.close();
  });

  it("Arbor, Google Calendar and Outlook on the web: each read by its own reader", async () => {
    const expected = {
      arbor: {
        text: /Arbor:.*English La: Yr 11: 11C\/En3/s,
        source: "page:arbor",
        count: 6,
        name: "Arbor timetable, weeks of 19 October to 26 October",
      },
      google: {
        text: /Google Calendar:.*Department meeting/s,
        source: "page:google-calendar",
        count: 5,
        name: "Google Calendar timetable, week of 8 June",
      },
      outlook: {
        text: /Outlook:.*Year 11 parents' evening/s,
        source: "page:outlook",
        count: 3,
        name: "Outlook timetable, week of 9 November",
      },
    } as const;
    for (const site of ["arbor", "google", "outlook"] as const) {
      const page = await openSite(PAGES[site].url);
      await pressToolbarButton(browser, page);
      const popup = await openPopupFor(page);
      const { preview, saved } = await readAndConfirm(popup);
      expect(preview).toMatch(expected[site].text);
      const items = (await readStore<StoredItem[]>(popup, "items")).filter(
        (i) => i.source === expected[site].source,
      );
      expect(items).toHaveLength(expected[site].count);
      expect(saved).toContain(`Saved as “${expected[site].name}”`);
      await popup.close();
      await page.close();
    }
  });

  it("refuses a changed page (Arbor's empty shell for an expired session) and imports nothing", async () => {
    const page = await openSite(PAGES.expired.url);
    await pressToolbarButton(browser, page);
    const popup = await openPopupFor(page);
    const before = (await readStore<StoredItem[]>(popup, "items")).length;
    await popup.getByRole("button", { name: "Read my timetable from this page" }).click();
    const alert = popup.getByTestId("read-page-refused");
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(
      /Could not read this page: .*session has ended.*Nothing was imported/,
    );
    expect(await popup.getByRole("button", { name: "Add to my calendar" }).count()).toBe(0);
    expect((await readStore<StoredItem[]>(popup, "items")).length).toBe(before);
    await popup.close();
    await page.close();
  });

  it("a table it is unsure of: the teacher confirms the days and period times, then it reads and saves", async () => {
    const page = await openSite(PAGES.table.url);
    await pressToolbarButton(browser, page);
    const popup = await openPopupFor(page);
    await popup.getByRole("button", { name: "Read my timetable from this page" }).click();
    await popup.getByTestId("read-page-refused").waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId("read-page-refused").textContent()).toMatch(
      /columns are not named after weekdays: please confirm.*Nothing was imported/,
    );
    const form = popup.getByTestId("table-mapping");
    // Proposed: the five numbered columns as this week's days; the rows have no times to propose.
    expect(await form.getByLabel("Column 2").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await form.getByLabel("Row 1 starts").inputValue()).toBe("");
    const week = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"];
    for (const [i, date] of week.entries()) await form.getByLabel(`Column ${i + 2}`).fill(date);
    await form.getByLabel("Row 1 starts").fill("09:00");
    await form.getByLabel("Row 1 ends").fill("10:00");
    await form.getByLabel("Row 2 starts").fill("10:05");
    await form.getByLabel("Row 2 ends").fill("11:05");
    await form.getByRole("button", { name: "Read with these" }).click();
    const preview = popup.getByTestId("read-page-preview");
    await preview.waitFor({ timeout: 20_000 });
    const text = (await preview.textContent()) ?? "";
    expect(text).toMatch(/Timetable: 4 lessons and 6 other entries; 10 h of directed time will be counted/);
    expect(text).toMatch(/Mon 23 Nov09:00–10:00 Science 9A\/Sc2/);
    expect(text).toMatch(/Fri 27 Nov.*10:05–11:05 Science 11C\/Sc3/s);
    await popup.getByRole("button", { name: "Add to my calendar" }).click();
    const saved = popup.getByTestId("read-page-saved");
    await saved.waitFor({ timeout: 20_000 });
    expect(await saved.textContent()).toContain("Saved as “Timetable, week of 23 November”");
    const lessons = (await readStore<StoredItem[]>(popup, "items"))
      .filter((i) => i.source === "page:html-table" && i.kind === "lesson")
      .map((i) => [i.title, new Date(i.start).toISOString()])
      .sort((a, b) => a[1]!.localeCompare(b[1]!));
    expect(lessons).toEqual([
      ["Science 9A/Sc2", "2026-11-23T09:00:00.000Z"],
      ["Science 11C/Sc3", "2026-11-24T10:05:00.000Z"],
      ["Science 10B/Sc1", "2026-11-25T09:00:00.000Z"],
      ["Science 11C/Sc3", "2026-11-27T10:05:00.000Z"],
    ]);
    await popup.close();
    await page.close();
  });

  it("sent no request off the machine", () => {
    expect(outside).toEqual([]);
  });
});
