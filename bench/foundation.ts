/**
 * Foundation benchmarks in Chromium with the built extension:
 * - bulk insert of 10,000 items through the real path (options page → background → Dexie), and
 * - popup first paint (navigation start → this week's items rendered) with 10,000 items stored.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUILD_DIR, launchWithExtension, sendFromPage, timedSendFromPage } from "../e2e/harness";

type Reply = { ok: boolean; error?: string };
import { demoWeekItems } from "../e2e/seed";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BLANK_HTML =
  '<!doctype html><meta charset="utf-8"><p>blank</p><script src="bench-blank.js" defer></script>';
const BLANK_JS =
  'requestAnimationFrame(() => { performance.mark("wh-week-painted"); document.body.dataset.ready = "true"; });';

const browser = await launchWithExtension({ tz: "Europe/London" });
try {
  const page = await browser.openExtensionPage("options.html");
  const items = demoWeekItems("2026-09-07", "Europe/London", 10_000);
  const ids = items.map((i) => i.id);

  const insertTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await sendFromPage(page, { type: "items/delete", ids });
    const { ms, reply } = await timedSendFromPage<Reply>(page, { type: "items/put", items });
    insertTimes.push(ms);
    if (!reply.ok) throw new Error(reply.error);
  }
  report("bulk insert 10,000 items (page → background → Dexie)", median(insertTimes), 1500);

  // Reference, side by side: an empty page of the same extension, the floor any extension page pays.
  writeFileSync(path.join(BUILD_DIR, "bench-blank.html"), BLANK_HTML);
  writeFileSync(path.join(BUILD_DIR, "bench-blank.js"), BLANK_JS);
  const blankTimes: number[] = [];
  const paintTimes: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    // The current week, as a teacher opens it (the seeded items run for years from 2026-09-07).
    const popup = await browser.openExtensionPage("popup.html");
    await popup.locator("body[data-ready=true]").waitFor();
    const t = await popup.evaluate(
      () => performance.getEntriesByName("wh-week-painted")[0]?.startTime ?? NaN,
    );
    if (run > 0) paintTimes.push(t); // first open warms the disk cache
    await popup.close();
    const blank = await browser.openExtensionPage("bench-blank.html");
    await blank.locator("body[data-ready=true]").waitFor();
    const b = await blank.evaluate(
      () => performance.getEntriesByName("wh-week-painted")[0]?.startTime ?? NaN,
    );
    if (run > 0) blankTimes.push(b);
    await blank.close();
  }
  report("reference: an empty extension page painted", median(blankTimes));
  report("popup first paint with 10,000 items stored", median(paintTimes), 100);
} finally {
  rmSync(path.join(BUILD_DIR, "bench-blank.html"), { force: true });
  rmSync(path.join(BUILD_DIR, "bench-blank.js"), { force: true });
  await browser.close();
}
