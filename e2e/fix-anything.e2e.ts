/**
 * Fixing anything, in Chromium with the built extension: any entry in the popup's week list can be given
 * another kind or directed status, with the outcome said in a live region; removing a calendar asks first,
 * naming it and its item count, and Undo puts it back with every item. axe runs over both.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, readStore, sendFromPage, type Launched } from "./harness";
import { axeViolations } from "./axe";

const TERM = readFileSync(path.resolve("demo/teacher-term.ics"), "utf8");

type StoredItem = { id: string; title: string; kind: string; directed: boolean; confirmed: boolean };

let browser: Launched;
let options: Page;
let total = 0;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  const reply = await sendFromPage<{ ok: boolean; total: number }>(options, {
    type: "source/import-ics",
    name: "teacher-term.ics",
    text: TERM,
  });
  expect(reply.ok).toBe(true);
  total = reply.total;
});
afterAll(async () => browser?.close());

describe("fix anything", () => {
  it("gives any entry in the popup's week another kind, and says what it did", async () => {
    const popup = await browser.openExtensionPage("popup.html?week=2026-11-23");
    const day = popup.locator("#items-heading ~ details").first();
    await day.locator("summary").click();
    const row = day.locator("li[data-item]").first();
    const id = (await row.getAttribute("data-item"))!;
    const title = (await readStore<StoredItem>(popup, "items", id)).title;

    const change = row.getByRole("button", { name: `Change how '${title}' is counted` });
    expect(await change.getAttribute("aria-expanded")).toBe("false");
    await change.click();
    await row.getByLabel(`Kind of “${title}”`).selectOption("duty");
    await row.getByRole("checkbox", { name: `Directed time for “${title}”` }).setChecked(true);
    expect(await axeViolations(popup)).toEqual([]);
    await row.getByRole("button", { name: `Save '${title}'`, exact: true }).click();

    await expect
      .poll(() => popup.getByTestId("announce").textContent())
      .toBe(`“${title}”: Counted as a duty, directed.`);
    expect(await popup.getByTestId("announce").getAttribute("aria-live")).toBe("polite");
    await expect.poll(() => row.getAttribute("data-kind")).toBe("duty");
    expect(await readStore<StoredItem>(popup, "items", id)).toMatchObject({
      kind: "duty",
      directed: true,
      confirmed: true,
    });
    await popup.screenshot({ path: "e2e/out/popup-corrected.png", fullPage: true });
    await popup.close();
  });

  it("asks before removing a calendar, naming it and its items, and Undo puts everything back", async () => {
    await options.reload();
    const sources = options.getByTestId("sources");
    await sources.getByRole("button", { name: "Remove teacher-term.ics" }).click();
    const question = options.getByRole("group", { name: "Remove teacher-term.ics?" });
    expect(await question.textContent()).toContain(`Remove “teacher-term.ics” and its ${total} items?`);
    expect(await axeViolations(options, "[data-testid=remove-question]")).toEqual([]);

    // "Keep it" keeps it.
    await question.getByRole("button", { name: "Keep it" }).click();
    expect(await readStore<StoredItem[]>(options, "items").then((i) => i.length)).toBe(total);

    await sources.getByRole("button", { name: "Remove teacher-term.ics" }).click();
    await options.getByRole("button", { name: "Remove “teacher-term.ics”" }).click();
    const status = options.getByTestId("removal-status");
    await expect
      .poll(() => status.getByRole("status").textContent())
      .toBe(`Removed “teacher-term.ics” and its ${total} items.`);
    await expect.poll(() => readStore<StoredItem[]>(options, "items").then((i) => i.length)).toBe(0);
    expect(await sources.locator("li").count()).toBe(0);

    await status.getByRole("button", { name: "Undo: put back “teacher-term.ics”" }).click();
    await expect
      .poll(() => status.getByRole("status").textContent())
      .toBe(`“teacher-term.ics” is back, with its ${total} items.`);
    expect(await readStore<StoredItem[]>(options, "items").then((i) => i.length)).toBe(total);
    await expect.poll(() => sources.locator("li", { hasText: "teacher-term.ics" }).count()).toBe(1);
    // The correction made in the popup came back with it.
    const items = await readStore<StoredItem[]>(options, "items");
    expect(items.some((i) => i.kind === "duty" && i.confirmed)).toBe(true);
  });
});
