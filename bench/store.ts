/**
 * Store benchmarks in real Chromium (Debian's /usr/bin/chromium): the store code is bundled with esbuild
 * and run in an ordinary http page, so the numbers are IndexedDB's, without the extension's messaging.
 * That page is off the record (IndexedDB in memory): the extension's own store is on disk, and 11,000 puts
 * there take about 1.6 times as long (bench/import-browser.ts and bench/foundation.ts time that path).
 * Only the bulk insert target comes from the issue; the others are this module's own budgets.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUPS = 2;

const browserCode = `
import { openDatabase } from "./src/store/db";
import { itemsBetween, putItems, replaceSourceItems } from "./src/store/repo";
import { exportAll, importAll } from "./src/store/backup";

const HOUR = 3600000, DAY = 24 * HOUR, MONDAY = Date.UTC(2026, 8, 7, 8);
function items(count, source, from = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = k + from, start = MONDAY + Math.floor(i / 6) * DAY + (i % 6) * HOUR;
    return { id: source + ":" + i, start, end: start + HOUR, title: "Lesson " + (i % 30), location: "Room " + (i % 40),
      kind: "lesson", directed: true, source, sourceUid: String(i), confirmed: false, confidence: 0.9, firstSeen: MONDAY };
  });
}
async function time(fn) { const t0 = performance.now(); await fn(); return performance.now() - t0; }

window.benchStore = async (runs, warmups) => {
  const db = openDatabase("bench-store");
  await db.delete(); await db.open();
  const tenThousand = items(10000, "feed:bench");
  const out = { insert: [], week: [], replace: [], exportAll: [], importAll: [] };
  for (let r = 0; r < warmups + runs; r++) {
    await db.items.clear();
    const t = await time(() => putItems(db, tenThousand));
    if (r >= warmups) out.insert.push(t);
  }
  for (let r = 0; r < warmups + runs; r++) {
    const from = MONDAY + (40 + r) * 7 * DAY;
    const t = await time(() => itemsBetween(db, from, from + 7 * DAY));
    if (r >= warmups) out.week.push(t);
  }
  // A feed refresh: 9,000 unchanged, 500 moved, 500 vanished, 500 new.
  const refreshed = [...items(9500, "feed:bench"), ...items(500, "feed:bench", 10000)]
    .map((it, i) => (i < 500 ? { ...it, start: it.start + HOUR, end: it.end + HOUR } : it));
  for (let r = 0; r < warmups + runs; r++) {
    await db.items.clear(); await putItems(db, tenThousand);
    const t = await time(() => replaceSourceItems(db, "feed:bench", refreshed));
    if (r >= warmups) out.replace.push(t);
  }
  let backup;
  for (let r = 0; r < warmups + runs; r++) {
    const t = await time(async () => { backup = JSON.parse(JSON.stringify(await exportAll(db))); });
    if (r >= warmups) out.exportAll.push(t);
  }
  for (let r = 0; r < warmups + runs; r++) {
    const t = await time(() => importAll(db, backup));
    if (r >= warmups) out.importAll.push(t);
  }
  await db.delete();
  return out;
};
`;

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = await build({
  stdin: { contents: browserCode, resolveDir: root, loader: "ts" },
  bundle: true,
  format: "esm",
  write: false,
  target: "chrome120",
});
const script = bundle.outputFiles[0]!.text;

const server = createServer((req, res) => {
  if (req.url === "/bench.js") {
    res.writeHead(200, { "content-type": "text/javascript" }).end(script);
  } else {
    res
      .writeHead(200, { "content-type": "text/html" })
      .end('<!doctype html><script type="module" src="/bench.js"></script>');
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => "benchStore" in window);
  const out = await page.evaluate(
    ([runs, warmups]) =>
      (
        window as unknown as { benchStore: (r: number, w: number) => Promise<Record<string, number[]>> }
      ).benchStore(runs, warmups),
    [RUNS, WARMUPS] as const,
  );
  report("store putItems 10,000 items, one transaction (Chromium IndexedDB)", median(out.insert!), 1500);
  report("store itemsBetween one week of 10,000 items", median(out.week!), 50);
  report("store replaceSourceItems 10,000 items (1,500 changed)", median(out.replace!), 1500);
  report("store exportAll 10,000 items + JSON round trip", median(out.exportAll!), 1000);
  report("store importAll 10,000 items (validate + replace)", median(out.importAll!), 2500);
  console.log(
    `runs: ${RUNS} after ${WARMUPS} warm-ups; insert runs (ms): ${out.insert!.map((t) => t.toFixed(0)).join(", ")}`,
  );
} finally {
  await browser.close();
  server.close();
}
