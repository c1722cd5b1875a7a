/**
 * The demo's evidence pack: the year at a glance on the options page (demo/out/year.png), and the CSV, PDF
 * and ICS for the academic year exported from the options page's evidence panel, as a teacher would, into
 * demo/out/.
 */
import { copyFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export async function demoEvidence(options: Page, out: string): Promise<void> {
  const view = options.getByTestId("year-view");
  await view.getByTestId("year-chart").locator("canvas").first().waitFor({ timeout: 20_000 });
  await view.screenshot({ path: path.join(out, "year.png") });
  await options.locator("input[name=evidence-range][value=year]").check();
  const saved: string[] = [];
  for (const format of ["csv", "pdf", "ics"] as const) {
    const [download] = await Promise.all([
      options.waitForEvent("download", { timeout: 30_000 }),
      options.locator(`[data-testid=evidence-panel] button[data-format=${format}]`).click(),
    ]);
    const file = path.join(out, download.suggestedFilename());
    copyFileSync(await download.path(), file);
    saved.push(path.relative(process.cwd(), file));
  }
  console.log(`Evidence pack for the year: ${saved.join(", ")}; the year at a glance: demo/out/year.png`);
}
