/**
 * Importing a 10,000-event calendar in the extension (Chromium): the options page hands the file's text
 * to the background, which parses, classifies, stores and recounts the ledger. Timed inside the page from
 * the request to the reply.
 *
 * Each run is a teacher's first import into a fresh browser profile: importing and deleting 11,000 items
 * run after run in one profile leaves IndexedDB wading through its own deleted rows, which measures the
 * bench's loop rather than an import. A re-import of the same file (every item unchanged, as a feed
 * refresh usually is) is reported beside it.
 */
import { launchWithExtension, sendFromPage, timedSendFromPage } from "../e2e/harness";
import { syntheticCalendar } from "../testing/synthetic-calendar";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { text } = syntheticCalendar(10_000);
type Reply = { ok: boolean; error?: string; total?: number; unchanged?: number };

const first: number[] = [];
const again: number[] = [];
let total = 0;
for (let run = 0; run < RUNS; run++) {
  const browser = await launchWithExtension({ tz: "Europe/London" });
  try {
    const page = await browser.openExtensionPage("options.html");
    await sendFromPage(page, {
      type: "profile/save",
      profile: { jurisdiction: "england", timeZone: "Europe/London", academicYearStart: "2026-09-01" },
    });
    const message = { type: "source/import-ics", name: "timetable.ics", text };
    const imported = await timedSendFromPage<Reply>(page, message);
    if (!imported.reply.ok) throw new Error(imported.reply.error);
    first.push(imported.ms);
    total = imported.reply.total ?? 0;
    const reimported = await timedSendFromPage<Reply>(page, message);
    if (reimported.reply.unchanged !== total) throw new Error("the re-import changed items");
    again.push(reimported.ms);
  } finally {
    await browser.close();
  }
}
console.log(
  `imported ${total} items per run (${(text.length / 1024 / 1024).toFixed(1)} MB), ${RUNS} fresh profiles`,
);
report("import 10k-event ICS in the extension (parse, classify, store, recount)", median(first), 2000);
report("re-import of the same file, every item unchanged", median(again));
