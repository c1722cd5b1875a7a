/**
 * "Check a cover" in the popup, in Chromium with the built extension: the verdict follows the form, and
 * "Log this cover" stores a cover item logged by hand that the cover ledger counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, readStore, sendFromPage, type Launched } from "./harness";
import { demoWeekItems } from "./seed";

type Reply = { ok: boolean; error?: string; [key: string]: unknown };

let browser: Launched;
let options: Page;

// A timetable for the two weeks from Monday 30 November 2026: P1 09:00, P2 10:00, P3 11:20 (PPA), P4 13:10, P5 14:10.
const WEEK = "2026-11-30";

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  const saved = await sendFromPage<Reply>(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  expect(saved.ok).toBe(true);
  const put = await sendFromPage<Reply>(options, {
    type: "items/put",
    items: demoWeekItems(WEEK, "Europe/London", 60),
  });
  expect(put.ok).toBe(true);
});
afterAll(async () => browser?.close());

describe("Check a cover in the popup", () => {
  it("gives the verdict as the form is filled in, and logs the cover by hand", async () => {
    const popup = await browser.openExtensionPage(`popup.html?week=${WEEK}`);
    await popup.getByRole("button", { name: "Check a cover" }).click();
    const form = popup.getByTestId("cover-check");
    await form.getByLabel("Date").fill("2026-12-01");
    await form.getByLabel("Class").fill("9X2");
    await form.getByLabel("Period").selectOption({ label: "P3 · 11:20–12:20" });

    // Over Tuesday's PPA: a breach citing eng.ppa.min, with its force and source.
    const verdict = popup.getByTestId("cover-verdict");
    await expect.poll(() => verdict.getAttribute("data-severity")).toBe("breach");
    const ppa = verdict.locator('li[data-rule="eng.ppa.min"]');
    await expect.poll(() => ppa.textContent()).toContain("is booked over your PPA");
    expect(await ppa.textContent()).toContain("contract or national agreement");
    expect(await ppa.textContent()).toContain("School Teachers' Pay and Conditions Document");
    await popup.screenshot({ path: "e2e/out/cover-check-breach.png", fullPage: true });

    // After school, unplanned: a warning citing eng.cover.rarely; a planned course makes it foreseeable.
    await form.getByLabel("Period").selectOption({ label: "Other times…" });
    await form.getByLabel("From").fill("15:20");
    await form.getByLabel("to", { exact: true }).fill("16:00");
    await expect.poll(() => verdict.getAttribute("data-severity")).toBe("warning");
    expect(await verdict.locator("li").evaluateAll((li) => li.map((x) => x.dataset.rule))).toEqual([
      "eng.cover.rarely",
    ]);
    await form.getByLabel("Reason").selectOption({ label: "Planned: course" });
    await expect.poll(() => verdict.getAttribute("data-severity")).toBe("breach");
    expect(await verdict.textContent()).toContain("the absence is a planned course");

    await form.getByLabel("Reason").selectOption({ label: "Unplanned absence" });
    await expect.poll(() => verdict.getAttribute("data-severity")).toBe("warning");
    await popup.getByRole("button", { name: "Log this cover" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("Logged");

    const items = await readStore<
      { id: string; kind: string; source: string; title: string; coverReason?: string }[]
    >(options, "items");
    const logged = items.filter((i) => i.kind === "cover");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ source: "manual", title: "Cover 9X2", coverReason: "unplanned" });
    expect(logged[0]!.id).toMatch(/^manual:cover:/);

    // The cover ledger in the popup's week: one cover, 40 minutes.
    const again = await browser.openExtensionPage(`popup.html?week=${WEEK}`);
    await expect.poll(() => again.getByText(/1 this week \(40 min\)/).count()).toBeGreaterThan(0);
    await again.close();
    await popup.close();
  });

  it("refuses a cover log with a reason in words (only the category is accepted)", async () => {
    const reply = await sendFromPage<Reply>(options, {
      type: "cover/log",
      date: "2026-12-02",
      period: "1",
      reason: "Mrs X is at a hospital appointment",
    });
    expect(reply.ok).toBe(false);
  });
});
