/**
 * Importing a 10,000-event calendar in the extension (Chromium): the options page hands the file's text
 * to the background, which parses, classifies, stores (replacing the previous copy) and recounts the
 * ledger. Timed inside the page from the request to the reply.
 */
import { launchWithExtension, sendFromPage, timedSendFromPage } from "../e2e/harness";
import { syntheticCalendar } from "../src/ingest/synthetic-calendar";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { text } = syntheticCalendar(10_000);

const browser = await launchWithExtension({ tz: "Europe/London" });
try {
  const page = await browser.openExtensionPage("options.html");
  await sendFromPage(page, {
    type: "profile/save",
    profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
  });
  const times: number[] = [];
  let total = 0;
  for (let run = 0; run < RUNS; run++) {
    // A fresh name each run: a first import, not a re-import of unchanged items.
    const { ms, reply } = await timedSendFromPage<{ ok: boolean; error?: string; total?: number }>(page, {
      type: "source/import-ics",
      name: `bench-${run}.ics`,
      text,
    });
    times.push(ms);
    if (!reply.ok) throw new Error(reply.error);
    total = reply.total ?? 0;
    await sendFromPage(page, { type: "source/delete", id: `file:bench-${run}.ics` });
  }
  console.log(`imported ${total} items per run (${(text.length / 1024 / 1024).toFixed(1)} MB)`);
  report("import 10k-event ICS in the extension (parse, classify, store, recount)", median(times), 2000);
} finally {
  await browser.close();
}
