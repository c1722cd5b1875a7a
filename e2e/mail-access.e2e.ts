/**
 * The send guard's permissions, visible, in Chromium. The teacher takes the extension's access to Gmail away
 * on the browser's extensions page ("Site access"; driven here through that page's own chrome.developerPrivate
 * calls, since an extension cannot remove its own required hosts); the popup and the settings page then say
 * the guard cannot see Gmail and offer Grant. Grant asks with a real click; a headless browser cannot answer
 * the prompt that opens, so access is given back on the extensions page, and the message goes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type Launched } from "./harness";

let browser: Launched;
let extensionsPage: Page;

beforeAll(async () => {
  browser = await launchWithExtension({});
  extensionsPage = await browser.ctx.newPage();
  await extensionsPage.goto(`chrome://extensions/?id=${browser.extensionId}`);
});
afterAll(async () => browser?.close());

/** What "Site access" on chrome://extensions does: withhold every host, then allow the ones listed. */
async function siteAccess(allowed: string[]): Promise<void> {
  await extensionsPage.evaluate(
    async ({ id, allowed }) => {
      const dev = (
        globalThis as unknown as {
          chrome: {
            developerPrivate: {
              updateExtensionConfiguration(u: object): Promise<void>;
              addHostPermission(id: string, host: string): Promise<void>;
            };
          };
        }
      ).chrome.developerPrivate;
      await dev.updateExtensionConfiguration({ extensionId: id, hostAccess: "ON_CLICK" });
      for (const host of allowed) await dev.addHostPermission(id, host);
    },
    { id: browser.extensionId, allowed },
  );
}

const GMAIL = "The email guard cannot see Gmail: permission not granted.";
const notice = (page: Page) => page.getByTestId("mail-access");

describe("the guard's permissions, in Chromium", () => {
  it("says nothing while every mail site is granted", async () => {
    const popup = await browser.openExtensionPage("popup.html");
    await popup.getByRole("heading", { name: "Within Hours" }).waitFor();
    await popup.getByRole("button", { name: "Settings and calendars" }).waitFor();
    expect(await notice(popup).count()).toBe(0);
    await popup.close();
  });

  it("says so in the popup and the settings page when Gmail's permission is taken away, and offers Grant", async () => {
    await siteAccess([
      "https://outlook.office.com/*",
      "https://outlook.office365.com/*",
      "https://outlook.live.com/*",
    ]);
    const popup = await browser.openExtensionPage("popup.html");
    await expect.poll(() => notice(popup).textContent()).toContain(GMAIL);
    expect(await notice(popup).textContent()).not.toMatch(/Outlook/);
    expect(await notice(popup).getByRole("button", { name: "Grant" }).isVisible()).toBe(true);
    await popup.screenshot({ path: "e2e/out/popup-mail-access.png", fullPage: true });
    await popup.close();

    const options = await browser.openExtensionPage("options.html");
    await expect.poll(() => notice(options).textContent()).toContain(GMAIL);
    // The real click asks the browser; its prompt is left unanswered (headless), and nothing breaks.
    await notice(options).getByRole("button", { name: "Grant" }).click();
    // Access given back on the extensions page: the message goes without reloading.
    await siteAccess([
      "https://mail.google.com/*",
      "https://outlook.office.com/*",
      "https://outlook.office365.com/*",
      "https://outlook.live.com/*",
    ]);
    await expect.poll(() => notice(options).count()).toBe(0);
    await options.close();
  });

  it("names every site when all mail access is withheld", async () => {
    await siteAccess([]);
    const options = await browser.openExtensionPage("options.html");
    await expect
      .poll(() => notice(options).textContent())
      .toMatch(/cannot see Gmail.*cannot see Outlook:.*cannot see Outlook\.com:/);
    await options.close();
  });
});
