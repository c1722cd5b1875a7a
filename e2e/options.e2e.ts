/**
 * The options page in Chromium with the built extension: rule parameters, local agreements, term dates and
 * training days, each saved with the page's one Save through the background and read back after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, readStore, sendFromPage, type Launched } from "./harness";
import { axeViolations } from "./axe";

type Reply = { ok: boolean; error?: string };

let browser: Launched;
let options: Page;

const meetings = "input[name='param:eng.meetings.weekly:maxMinutes']";
const rulesForm = "[data-testid=rules-form]";
const termsForm = "[data-testid=terms-form]";

/** The settings page's one Save, and what it says. */
const save = (page: Page) => page.getByRole("button", { name: "Save changes" }).click();
const saveStatus = (page: Page) => page.getByTestId("save-status").textContent();

/** The "default / agreement / yours" tag beside a parameter field. */
const originOf = (page: Page, input: string) =>
  page.locator(`label:has(${input}) [data-origin]`).getAttribute("data-origin");

async function reload(page: Page, ready: string): Promise<void> {
  await page.reload();
  await page.locator(ready).first().waitFor();
}

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  expect(
    (await sendFromPage<Reply>(options, { type: "profile/save", profile: { jurisdiction: "england" } })).ok,
  ).toBe(true);
  await reload(options, meetings);
});
afterAll(async () => browser?.close());

describe("options page in Chromium", () => {
  it("has a list of sections, a skip link past it, and each section a landmark with its heading", async () => {
    await options.keyboard.press("Tab");
    const skip = await options.evaluate(() => document.activeElement?.textContent);
    expect(skip).toBe("Skip the list of sections");
    await options.keyboard.press("Enter");
    expect(await options.evaluate(() => document.activeElement?.id)).toBe("settings-sections");

    const nav = options.getByRole("navigation", { name: "Settings sections" });
    const links = await nav.getByRole("link").allTextContents();
    expect(links).toEqual([
      "Contract",
      "Timetable and calendars",
      "Rules",
      "Email guard",
      "Cover",
      "Evidence and backup",
    ]);
    for (const name of links) {
      await nav.getByRole("link", { name }).click();
      const region = options.getByRole("region", { name, exact: true });
      expect(await region.getByRole("heading", { level: 2 }).first().textContent()).toBe(name);
      await expect.poll(() => region.evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(60);
      // Each section on its own meets WCAG 2.2 AA.
      const id = await region.getAttribute("id");
      expect(await axeViolations(options, `#${id}`), name).toEqual([]);
    }
    expect(await axeViolations(options)).toEqual([]);
  });

  it("shows rules in words and units, with the rule id only in the details", async () => {
    const ppa = options.locator("article[data-rule='eng.ppa.min']");
    const ratio = ppa.locator("input[name='param:eng.ppa.min:minRatio']");
    expect(await ratio.inputValue()).toBe("10");
    expect(await ppa.locator("label:has(input[name='param:eng.ppa.min:minRatio'])").textContent()).toContain(
      "PPA at least",
    );
    expect(await ppa.textContent()).toContain("% of timetabled teaching");
    expect(await ppa.locator("code").isVisible()).toBe(false);
    await ppa.getByText("Where this comes from").click();
    expect(await ppa.locator("code").textContent()).toBe("eng.ppa.min");
    // No NZ field for a teacher in England.
    expect(await options.locator("input[name=permanentUnits]").count()).toBe(0);
  });

  it("edits a word list one phrase a line and never shows the stored form", async () => {
    const list = options.locator("textarea[name='param:eng.cover.rarely:plannedAbsence']");
    const text = await list.inputValue();
    expect(text.split("\n")).toContain("conference");
    expect(text).not.toContain("|");
    await list.fill(`${text}\nsupply visit`);
    await save(options);
    await expect.poll(() => saveStatus(options), { timeout: 30_000 }).toContain("Saved");
    const profile = await readStore<{ value: { overrides: Record<string, Record<string, string>> } }>(
      options,
      "settings",
      "profile",
    );
    expect(profile.value.overrides["eng.cover.rarely"]?.plannedAbsence).toMatch(/\|meeting\|supply visit$/);
    await reload(options, meetings);
    expect((await list.inputValue()).split("\n").at(-1)).toBe("supply visit");
  });

  it("groups the rules by force and never shows union advice as law", async () => {
    const headings = await options.locator(`${rulesForm} h3`).allTextContents();
    expect(headings.map((h) => h.replace(/\s*\(\d+\)$/, ""))).toEqual([
      "Statute",
      "Contract or national agreement",
      "Official guidance",
      "Union advice",
    ]);
    const meetingsRule = options.locator("article[data-rule='eng.meetings.weekly']");
    await expect.poll(() => meetingsRule.locator(".wh-tag").first().textContent()).toBe("union advice");
    expect(await originOf(options, meetings)).toBe("default");
  });

  it("refuses a negative number with a clear message and saves nothing", async () => {
    const before = await options.locator(meetings).inputValue();
    await options.locator(meetings).fill("-5");
    await expect
      .poll(() => options.locator(`${rulesForm} [role=alert]`).textContent())
      .toContain("enter 0 or more");
    await save(options);
    await expect.poll(() => saveStatus(options)).toContain("Nothing saved");
    await reload(options, meetings);
    expect(await options.locator(meetings).inputValue()).toBe(before);
  });

  it("saves a changed parameter by keyboard and marks it as yours", async () => {
    await options.locator(meetings).fill("90");
    expect(await originOf(options, meetings)).toBe("yours");
    await options.locator(meetings).press("Enter");
    await expect.poll(() => saveStatus(options), { timeout: 30_000 }).toContain("Saved");

    await reload(options, meetings);
    await expect.poll(() => options.locator(meetings).inputValue()).toBe("90");
    expect(await originOf(options, meetings)).toBe("yours");
    await options.screenshot({ path: "e2e/out/options-rules.png", fullPage: true });

    // Reset brings back the default.
    await options.locator("article[data-rule='eng.meetings.weekly'] button", { hasText: "Reset" }).click();
    expect(await options.locator(meetings).inputValue()).toBe("60");
    expect(await originOf(options, meetings)).toBe("default");
  });

  it("takes a decimal typed key by key", async () => {
    const afterHours = options.locator("input[name='param:uk.wtr.break:afterHours']");
    await afterHours.focus();
    await options.keyboard.press("Control+A");
    await options.keyboard.type("6.5");
    expect(await afterHours.inputValue()).toBe("6.5");
    expect(await originOf(options, "input[name='param:uk.wtr.break:afterHours']")).toBe("yours");
    expect(await options.locator(`${rulesForm} [role=alert]`).count()).toBe(0);
  });

  it("switches on a right-to-disconnect advisory", async () => {
    await reload(options, meetings);
    const irish = options.locator("input[name='optin:ie.disconnect']");
    expect(await irish.isChecked()).toBe(false);
    await irish.check();
    await save(options);
    await expect.poll(() => saveStatus(options), { timeout: 30_000 }).toContain("Saved");
    await reload(options, meetings);
    expect(await options.locator("input[name='optin:ie.disconnect']").isChecked()).toBe(true);
    expect(await options.locator("input[name='optin:au.disconnect']").isChecked()).toBe(false);
  });

  it("applies the West Dunbartonshire agreement after switching to Scotland", async () => {
    expect(await options.locator("select[name=localAgreement] option").allTextContents()).toEqual([
      "None (national terms only)",
    ]);
    await options.locator("select[name=jurisdiction]").selectOption("scotland");
    await save(options);
    const weekly = "input[name='param:sco.week:weeklyHours']";
    await options.locator(weekly).waitFor();

    await options.locator("select[name=localAgreement]").selectOption("west-dunbartonshire");
    const prd = "input[name='param:sco.collegiate:hours.prd']";
    await expect.poll(() => options.locator(prd).inputValue()).toBe("2");
    expect(await originOf(options, prd)).toBe("agreement");
    await save(options);
    await expect.poll(() => saveStatus(options), { timeout: 30_000 }).toContain("Saved");

    await reload(options, prd);
    expect(await options.locator("select[name=localAgreement]").inputValue()).toBe("west-dunbartonshire");
    expect(await options.locator(prd).inputValue()).toBe("2");
    expect(await originOf(options, prd)).toBe("agreement");
    expect(await originOf(options, weekly)).toBe("agreement");
  });

  it("adds a term and a training day, and keeps them after a reload", async () => {
    const terms = options.locator(termsForm);
    await terms.getByRole("button", { name: "Add a term" }).click();
    await terms.locator("input[name=term-0-name]").fill("Autumn");
    await terms.locator("input[name=term-0-start]").fill("2026-08-18");
    await terms.locator("input[name=term-0-end]").fill("2026-12-18");
    await terms.locator("input[name=new-training-day]").fill("2026-08-17");
    await terms.getByRole("button", { name: "Add training day" }).click();
    await terms.locator("input[name=sessionEnd]").fill("15:20");
    await save(options);
    await expect.poll(() => saveStatus(options), { timeout: 30_000 }).toContain("Saved");

    await reload(options, "input[name=term-0-name]");
    expect(await terms.locator("input[name=term-0-name]").inputValue()).toBe("Autumn");
    expect(await terms.locator("input[name=term-0-start]").inputValue()).toBe("2026-08-18");
    expect(await terms.locator("input[name=term-0-end]").inputValue()).toBe("2026-12-18");
    expect(await terms.locator("li[data-day='2026-08-17']").count()).toBe(1);
    expect(await terms.locator("input[name=sessionEnd]").inputValue()).toBe("15:20");
  });

  it("explains a term that ends before it starts and saves nothing", async () => {
    const terms = options.locator(termsForm);
    await terms.getByRole("button", { name: "Add a term" }).click();
    await terms.locator("input[name=term-1-name]").fill("Spring");
    await terms.locator("input[name=term-1-start]").fill("2027-01-05");
    await terms.locator("input[name=term-1-end]").fill("2027-01-04");
    await save(options);
    await expect
      .poll(() => options.getByTestId("save-bar").locator("[role=alert]").textContent())
      .toMatch(/Spring ends \(4 Jan 2027\) before it starts \(5 Jan 2027\)/);
    expect(await saveStatus(options)).toContain("Nothing saved");
    await options.screenshot({ path: "e2e/out/options-terms.png", fullPage: true });

    await reload(options, "input[name=term-0-name]");
    expect(await terms.locator("input[name=term-1-name]").count()).toBe(0);
    expect(await terms.locator("input[name=term-0-name]").inputValue()).toBe("Autumn");
  });
});
