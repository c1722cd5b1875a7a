/**
 * A full year's evidence pack: the CSV and the PDF built together from an audited 10,000-event calendar
 * (the items read and evaluated once beforehand, as the options page has them), then the ICS alone.
 * Run: `npx tsx bench/evidence.ts`.
 */
import { buildEvidence, evidenceCsv, evidenceIcs, resolveRange } from "../src/evidence";
import { evidencePdf } from "../src/evidence/pdf";
import { auditLedger } from "../src/ingest/audit";
import { syntheticCalendar } from "../testing/synthetic-calendar";
import { median, report } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const WARMUP = 2;
const NOW = Date.UTC(2026, 10, 26, 12);

const { text } = syntheticCalendar(10_000);
const ledger = auditLedger(
  [{ name: "bench.ics", text }],
  { jurisdiction: "england", academicYearStart: "2026-09-01" },
  { now: NOW },
);
const range = resolveRange({ kind: "year" }, ledger.profile, NOW);

const csvAndPdf: number[] = [];
const ics: number[] = [];
let rows = 0;
let pdfBytes = 0;
for (let round = 0; round < WARMUP + RUNS; round++) {
  const t0 = performance.now();
  // The page builds the pack once per press: here once for both files, as "together" asks.
  const pack = buildEvidence({ ...ledger, evaluation: undefined, range, now: NOW });
  const csv = evidenceCsv(pack);
  const pdf = await evidencePdf(pack);
  const t1 = performance.now();
  evidenceIcs(pack);
  const t2 = performance.now();
  rows = pack.rows.length;
  pdfBytes = pdf.length;
  if (csv.length === 0) throw new Error("empty CSV");
  if (round < WARMUP) continue;
  csvAndPdf.push(t1 - t0);
  ics.push(t2 - t1);
}
console.log(`year: ${rows} rows, PDF ${(pdfBytes / 1024).toFixed(1)} KB`);
report("evidence CSV and PDF for a full year", median(csvAndPdf), 1000);
report("evidence ICS for a full year", median(ics));
