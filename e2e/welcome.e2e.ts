/**
 * The first run in Chromium: the welcome page opens on install, walks through where you work, the contract,
 * the school day and bringing in a timetable; the popup says how to start until a calendar is in; and the
 * welcome, popup and options pages pass axe's WCAG 2.2 AA rules, with no sideways scrolling at 320 px.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./axe";
import { launchWithExtension, readStore, welcomePage, type Launched } from "./harness";

let browser: Launched;
let welcome: Page;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London", keepWelcome: true });
  welcome = await welcomePage(browser.ctx, browser.extensionId);
  await welcome.waitForLoadState();
});
afterAll(async () => browser?.close());

type StoredProfile = { value: { profile: Record<string, unknown> } };
const storedProfile = async (page: Page) =>
  (await readStore<StoredProfile>(page, "settings", "ledger")).value.profile;

describe("the first run", () => {
  it("opens the welcome page on install, in British English", async () => {
    await expect
      .poll(() => welcome.getByRole("heading", { level: 1 }).textContent())
      .toBe("Welcome to Within Hours");
    expect(await welcome.locator("html").getAttribute("lang")).toBe("en-GB");
  });

  it("the popup says how to start until there is a calendar, not a week of zeros", async () => {
    const popup = await browser.openExtensionPage("popup.html");
    await expect.poll(() => popup.getByTestId("get-started").isVisible()).toBe(true);
    expect(await popup.getByText("Directed time").count()).toBe(0);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it("walks through where you work, the contract and the school day, saving each step", async () => {
    expect(await axeViolations(welcome)).toEqual([]);
    await welcome.getByRole("radio", { name: "Scotland", exact: true }).check();
    await welcome.getByRole("button", { name: "Save and continue" }).click();
    await expect.poll(() => welcome.locator("#welcome-step").textContent()).toContain("Your contract");
    await expect.poll(async () => (await storedProfile(welcome)).jurisdiction).toBe("scotland");

    await welcome.getByLabel(/How much of a full-time contract/).fill("0.8");
    await welcome.getByRole("checkbox", { name: "Fri" }).uncheck();
    expect(await axeViolations(welcome)).toEqual([]);
    await welcome.getByRole("button", { name: "Save and continue" }).click();
    await expect.poll(() => welcome.locator("#welcome-step").textContent()).toContain("Your school day");
    const saved = await storedProfile(welcome);
    expect(saved.fte).toBe(0.8);
    expect(saved.contractedDays).toEqual([1, 2, 3, 4]);

    await welcome.getByLabel("Your school day starts").fill("08:20");
    await welcome.getByLabel("The pupils' day ends").fill("15:10");
    await welcome.getByRole("button", { name: "Save and continue" }).click();
    await expect
      .poll(() => welcome.locator("#welcome-step").textContent())
      .toContain("Bring in your timetable");
    const day = await storedProfile(welcome);
    expect([day.schoolDayStart, day.sessionEnd]).toEqual(["08:20", "15:10"]);
  });

  it("brings in a timetable: help for each system, then a calendar file", async () => {
    for (const system of ["Arbor", "Edulink One", "SIMS", "Bromcom", "iSAMS", "Google Calendar", "Outlook"])
      expect(await welcome.locator(".wh-help dt", { hasText: system }).count()).toBe(1);
    expect(await axeViolations(welcome)).toEqual([]);
    await welcome.locator("input[name=ics-file]").setInputFiles(path.resolve("demo/teacher-term.ics"));
    await expect
      .poll(() => welcome.getByTestId("welcome-done").textContent(), { timeout: 30_000 })
      .toContain("You're set up");
    const popup = await browser.openExtensionPage("popup.html");
    await expect.poll(() => popup.getByText("Directed time").count()).toBeGreaterThan(0);
    expect(await popup.getByTestId("get-started").count()).toBe(0);
    await popup.close();
  });

  it("the settings page passes axe and does not scroll sideways at 320 px", async () => {
    const options = await browser.openExtensionPage("options.html");
    await options.getByRole("heading", { level: 1 }).waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await options.setViewportSize({ width: 320, height: 700 });
    const widths = await options.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await options.close();
  });
});
