/**
 * The Firefox build in Debian's Firefox ESR: it installs, its popup and options render, an ICS import fills
 * the popup, the background stopped and woken loses nothing, and the send guard holds an out-of-hours send on
 * the Gmail and Outlook pages (held, Send now once, the keyboard path).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eveningZone } from "../harness";
import {
  FIREFOX_BUILD_DIR,
  clickDialogButton,
  guardDialog,
  launchFirefox,
  readStore,
  sendFromPage,
  waitFor,
  type FirefoxLaunched,
} from "./harness";

const FIXTURES = path.resolve("e2e/fixtures");
const TERM_FILE = path.resolve("demo/teacher-term.ics");
const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

describe("the Firefox build's manifest", () => {
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_BUILD_DIR, "manifest.json"), "utf8"));
  it("asks for Firefox 140 or later, which data_collection_permissions needs", () => {
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions.required).toEqual(["none"]);
    expect(Number(gecko.strict_min_version.split(".")[0])).toBeGreaterThanOrEqual(140);
  });
  it("runs its background as a script (Firefox has no extension service worker)", () => {
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background.service_worker).toBeUndefined();
  });
});

describe("Within Hours in Firefox ESR", () => {
  let firefox: FirefoxLaunched;
  let options: Page;

  beforeAll(async () => {
    firefox = await launchFirefox({ tz: "Europe/London" });
    options = await firefox.openExtensionPage("options.html");
  });
  afterAll(async () => firefox?.close());

  it("installs, opens its welcome page, and its options page and popup render", async () => {
    const welcome = await waitFor("the welcome tab", async () => {
      for (const page of await firefox.browser.pages())
        // puppeteer's BiDi layer keeps "about:blank" as the URL of a tab the extension opened: ask the page.
        if ((await page.evaluate(() => location.href).catch(() => "")).endsWith("/tabs/welcome.html"))
          return page;
      return undefined;
    });
    expect(
      await waitFor("the welcome page", async () =>
        (await bodyText(welcome!)).includes("Welcome to Within Hours"),
      ),
    ).toBe(true);
    expect(
      await waitFor("the options page", async () => (await bodyText(options)).includes("Calendars")),
    ).toBe(true);
    const popup = await firefox.openExtensionPage("popup.html");
    // A new install has no calendar yet: the popup says how to start.
    expect(
      await waitFor("the popup", async () =>
        (await bodyText(popup)).includes("Bring in your timetable to start"),
      ),
    ).toBe(true);
    await popup.close();
  });

  it("imports an ICS file chosen on the options page, and the popup shows its week", async () => {
    await sendFromPage(options, {
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
    });
    const input = await options.$("input[name=ics-file]");
    await input!.uploadFile(TERM_FILE);
    const status = await waitFor(
      "the import's status line",
      async () => (await options.$eval("[data-testid=sources-status]", (e) => e.textContent)) || undefined,
      30_000,
    );
    expect(status).toMatch(/items read: \d+ new, 0 updated, 0 removed/);
    const items = await readStore<{ title: string }[]>(options, "items");
    expect(items.length).toBeGreaterThan(400);

    const popup = await firefox.openExtensionPage("popup.html?week=2026-11-23");
    const heading = await waitFor("the popup's item list", async () => {
      const text = await popup.$eval("#items-heading", (e) => e.textContent).catch(() => "");
      return /\((\d+)\)/.exec(text ?? "")?.[1];
    });
    expect(Number(heading)).toBeGreaterThan(10);
    await popup.close();
  });

  it("loses nothing when the background is stopped, and wakes on the next request", async () => {
    const before = (await readStore<unknown[]>(options, "items")).length;
    await firefox.stopBackground();
    const reply = await sendFromPage<{ ok: boolean }>(options, { type: "status/ping" });
    expect(reply.ok).toBe(true);
    expect((await readStore<unknown[]>(options, "items")).length).toBe(before);
    const popup = await firefox.openExtensionPage("popup.html?week=2026-11-23");
    expect(
      await waitFor("the popup after a stop", async () =>
        (await bodyText(popup)).includes("Week of 23 Nov 2026"),
      ),
    ).toBe(true);
    await popup.close();
  });
});

describe("the send guard in Firefox ESR", () => {
  let firefox: FirefoxLaunched;
  const GMAIL = "https://mail.google.com/mail/u/0/#inbox?compose=new";
  const OUTLOOK = "https://outlook.office.com/mail/";

  beforeAll(async () => {
    // A zone where it is evening now, so a new profile's email window is closed.
    firefox = await launchFirefox({
      tz: eveningZone(),
      routes: {
        "https://mail.google.com/": {
          body: readFileSync(path.join(FIXTURES, "gmail/compose-2020.html"), "utf8"),
        },
        "https://outlook.office.com/": {
          body: readFileSync(path.join(FIXTURES, "outlook/compose.html"), "utf8"),
        },
      },
    });
  });
  afterAll(async () => firefox?.close());

  const sentCount = async (page: Page) =>
    Number(await page.$eval("#fixture-status", (e) => e.getAttribute("data-sent")));
  const gmailSend = ".IZ .Up div > div[role=button]:not([aria-haspopup=true])";

  /** The site's Send ran once, and a moment later still once. */
  async function sentExactlyOnce(page: Page): Promise<void> {
    await waitFor("one send", async () => (await sentCount(page)) === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sentCount(page)).toBe(1);
  }

  it("Gmail: an out-of-hours Send is held and the dialog says why; Send now sends it once", async () => {
    const page = await firefox.openPage(GMAIL);
    await (await waitFor("Gmail's Send", () => page.$(gmailSend)))!.click();
    const dialog = await waitFor("the guard's dialog", () => guardDialog(page));
    expect(await dialog!.evaluate((e) => e.textContent)).toMatch(/It is \d\d:\d\d on \w+day/);
    expect(await sentCount(page)).toBe(0);
    await clickDialogButton(page, "Send now");
    await sentExactlyOnce(page);
    await page.close();
  });

  it("Gmail: Ctrl+Enter is held too, and Keep editing sends nothing", async () => {
    const page = await firefox.openPage(GMAIL);
    await (await waitFor("the message body", () => page.$("[g_editable=true]")))!.click();
    await page.keyboard.type("See you tomorrow.");
    await page.keyboard.down("Control");
    await page.keyboard.press("Enter");
    await page.keyboard.up("Control");
    await waitFor("the guard's dialog", () => guardDialog(page));
    expect(await sentCount(page)).toBe(0);
    await clickDialogButton(page, "Keep editing");
    await waitFor("the dialog to close", async () => (await guardDialog(page)) === null);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sentCount(page)).toBe(0);
    await page.close();
  });

  it("Outlook: compose Send is held, Send now sends it once", async () => {
    const page = await firefox.openPage(OUTLOOK);
    const send = await waitFor("compose Send", () =>
      page.$('.compose button[class*="fui-SplitButton__primaryActionButton"]'),
    );
    await send!.click();
    await waitFor("the guard's dialog", () => guardDialog(page));
    expect(await sentCount(page)).toBe(0);
    await clickDialogButton(page, "Send now");
    await sentExactlyOnce(page);
    await page.close();
  });
});
