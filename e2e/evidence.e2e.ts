/**
 * The evidence pack and the year at a glance in Chromium: the demo term imported on the options page, then
 * the CSV, PDF and ICS exported from the evidence panel (downloads through an object URL) and read back; the
 * year chart drawn from the demo data, with its table and the findings by rule; the popup's sparkline.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ICAL from "ical.js";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../src/evidence/pdf-text";
import { launchWithExtension, readStore, sendFromPage, type Launched } from "./harness";

const TERM = readFileSync(path.resolve("demo/teacher-term.ics"), "utf8");

let browser: Launched;
let options: Page;

beforeAll(async () => {
  browser = await launchWithExtension({ tz: "Europe/London" });
  options = await browser.openExtensionPage("options.html");
  await sendFromPage(options, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  await options
    .locator("input[name=ics-file]")
    .setInputFiles({ name: "teacher-term.ics", mimeType: "text/calendar", buffer: Buffer.from(TERM) });
  await options.getByTestId("sources-status").waitFor({ timeout: 30_000 });
  await options.locator("input[name=evidence-range][value=year]").check();
}, 90_000);
afterAll(async () => browser?.close());

/** Presses a format's button and returns the downloaded file's name and bytes. */
async function exportFile(format: "csv" | "pdf" | "ics"): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    options.waitForEvent("download", { timeout: 30_000 }),
    options.locator(`[data-testid=evidence-panel] button[data-format=${format}]`).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

describe("evidence pack in Chromium", { timeout: 60_000 }, () => {
  it("exports the year's CSV, whose directed minutes are the ledger's year figure", async () => {
    const { name, bytes } = await exportFile("csv");
    expect(name).toBe("within-hours-evidence-2026-09-01-to-2027-08-31.csv");
    const text = bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]?.slice(0, 5)).toEqual(["Date", "Start", "End", "Minutes", "Category"]);
    const directed = rows
      .slice(1)
      .filter((r) => r[5] === "Y")
      .reduce((n, r) => n + Number(r[3]), 0);
    const ledger = await readStore<{ value: { evaluation: { year: { directedMinutes: number } } } }>(
      options,
      "settings",
      "ledger",
    );
    expect(directed).toBe(ledger.value.evaluation.year.directedMinutes);
    expect(rows[1]?.[7]).toBe("teacher-term.ics (calendar file)");
    expect(await options.getByTestId("evidence-status").textContent()).toContain("saved to your downloads");
  });

  it("exports a PDF summary with the budget and its source, and the name typed", async () => {
    await options.locator("input[name=evidence-name]").fill("A. Teacher");
    const { bytes } = await exportFile("pdf");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await pdfText(new Uint8Array(bytes));
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain("Period: Academic year");
    expect(text).toContain("Pro-rata budget 1265 h");
    expect(text).toContain("School Teachers' Pay and Conditions Document 2025 (England)");
    expect(text).toContain("Teacher: A. Teacher");
  });

  it("exports an ICS with one event per counted entry", async () => {
    const { bytes } = await exportFile("ics");
    const events = new ICAL.Component(ICAL.parse(bytes.toString("utf8"))).getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(400);
    await options
      .getByTestId("evidence-panel")
      .screenshot({ path: "e2e/out/options-evidence.png" })
      .catch(() => undefined);
  });

  it("explains dates that are the wrong way round, and makes nothing", async () => {
    await options.locator("input[name=evidence-range][value=dates]").check();
    await options.locator("input[name=evidence-from]").fill("2026-10-20");
    await options.locator("input[name=evidence-to]").fill("2026-10-01");
    await options.locator("[data-testid=evidence-panel] button[data-format=csv]").click();
    await expect
      .poll(() => options.getByTestId("evidence-status").textContent())
      .toContain("The first date is after the last one");
  });

  it("draws the year at a glance from the demo data, with a table and the findings by rule", async () => {
    const view = options.getByTestId("year-view");
    await expect
      .poll(() => view.getByTestId("year-chart").getAttribute("data-drawn"), { timeout: 20_000 })
      .toBe("true");
    expect(await view.locator("[data-testid=year-chart] canvas").count()).toBeGreaterThan(0);
    expect(await view.getByTestId("year-chart").getAttribute("aria-hidden")).toBe("true");
    const table = view.getByTestId("year-table");
    expect(await table.locator("thead th").allTextContents()).toEqual([
      "Week of",
      "Directed",
      "Pace",
      "Class contact",
      "Meetings",
      "Evenings",
      "Cover",
    ]);
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(10);
    const cover = view.locator("[data-testid=year-findings] li[data-rule='eng.cover.rarely']");
    expect(await cover.textContent()).toMatch(/2 findings/);
    await cover.locator("button", { hasText: "Week of 12 Oct 2026" }).click();
    await expect.poll(() => view.getByTestId("year-week").textContent()).toContain("Week of 12 Oct 2026");
    expect(await view.getByTestId("year-week").textContent()).toContain("Cover");
    await view.screenshot({ path: "e2e/out/options-year.png" }).catch(() => undefined);
  });

  it("shows the year's sparkline in the popup after its first paint, with a table for screen readers", async () => {
    const popup = await browser.openExtensionPage("popup.html");
    const spark = popup.getByTestId("year-sparkline");
    await expect
      .poll(() => spark.getByTestId("year-chart").getAttribute("data-drawn"), { timeout: 20_000 })
      .toBe("true");
    expect(await spark.getByTestId("year-table").locator("tbody tr").count()).toBeGreaterThan(10);
    await popup.close();
  });
});
