/**
 * Forms keep what the teacher typed: the options page in Chromium with the built extension, edits left
 * unsaved in the profile, terms and rules panels, then an import that recounts the year and adds a training
 * day. Nothing typed is lost, and the new training day shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, sendFromPage, type Launched } from "./harness";

type Reply = { ok: boolean; error?: string };

let browser: Launched;
let options: Page;

const profileForm = "[data-testid=profile-form]";
const termsForm = "[data-testid=terms-form]";
const rulesForm = "[data-testid=rules-form]";

// Made up for this test: one INSET day in the autumn term.
const INSET_ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Within Hours tests//EN",
  "BEGIN:VEVENT",
  "UID:inset-1@test",
  "DTSTAMP:20260901T000000Z",
  "DTSTART;VALUE=DATE:20261102",
  "DTEND;VALUE=DATE:20261103",
  "SUMMARY:INSET day",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  const saved = await sendFromPage<Reply>(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", academicYearStart: "2026-09-01" },
  });
  expect(saved.ok).toBe(true);
  await options.reload();
  await options.locator(`${rulesForm} input[type=number]`).first().waitFor();
});
afterAll(async () => browser?.close());

describe("unsaved edits in the options page", () => {
  it("survive an import that recounts the year and adds a training day", async () => {
    await options.locator(`${profileForm} input[name=fte]`).fill("0.6");
    const terms = options.locator(termsForm);
    await terms.getByRole("button", { name: "Add a term" }).click();
    await terms.locator("input[name=term-0-name]").fill("Autumn");
    const param = options.locator(`${rulesForm} input[type=number]`).first();
    const paramName = await param.getAttribute("name");
    await param.fill("7");

    const imported = await sendFromPage<Reply>(options, {
      type: "source/import-ics",
      name: "inset.ics",
      text: INSET_ICS,
    });
    expect(imported).toMatchObject({ ok: true });
    // The recount reached the page: the imported training day shows in the terms panel.
    await terms.locator("li[data-day='2026-11-02']").waitFor();

    expect(await options.locator(`${profileForm} input[name=fte]`).inputValue()).toBe("0.6");
    expect(await terms.locator("input[name=term-0-name]").inputValue()).toBe("Autumn");
    expect(await options.locator(`${rulesForm} input[name='${paramName}']`).inputValue()).toBe("7");

    // The one Save says what is unsaved; saving (without the half-made term) keeps the training day the
    // import added.
    await expect
      .poll(() => options.getByTestId("save-bar").textContent())
      .toContain("Unsaved changes: Contract, Term dates, Rules.");
    await terms.getByRole("button", { name: "Remove Autumn" }).click();
    await options.getByRole("button", { name: "Save changes" }).click();
    // Saving recounts the year before it answers: slow on a busy machine.
    await expect
      .poll(() => options.getByTestId("save-status").textContent(), { timeout: 30_000 })
      .toContain("Saved");
    await options.reload();
    await options.locator(`${termsForm} li[data-day='2026-11-02']`).waitFor();
    expect(await options.locator(`${profileForm} input[name=fte]`).inputValue()).toBe("0.6");
  });
});
