import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { pdfText } from "../src/evidence/pdf-text";

const ROOT = new URL("..", import.meta.url).pathname;
const DEMO = join(ROOT, "demo/teacher-term.ics");
const tmp = mkdtempSync(join(tmpdir(), "audit-evidence-test-"));
const england = join(tmp, "england.json");
writeFileSync(england, JSON.stringify({ jurisdiction: "england", academicYearStart: "2026-09-01" }));

/** Runs the CLI as `npm run audit` does (tsx), in its own process; stdout as bytes. */
function audit(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit.ts", ...args], {
    cwd: ROOT,
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

describe("npm run audit --format csv|pdf|ics", { timeout: 60_000 }, () => {
  it("prints the year's CSV, whose directed minutes add up to the JSON year figure", () => {
    const json = JSON.parse(audit("--profile", england, DEMO).stdout.toString("utf8"));
    const csv = audit("--profile", england, "--format", "csv", DEMO);
    expect(csv.stderr).toBe("");
    expect(csv.status).toBe(0);
    const text = csv.stdout.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]?.[0]).toBe("Date");
    const directed = rows
      .slice(1)
      .filter((r) => r[5] === "Y")
      .reduce((n, r) => n + Number(r[3]), 0);
    expect(directed).toBe(json.year.directedMinutes);
  });

  it("prints the PDF's bytes, with the budget and its source in its text", async () => {
    const pdf = audit("--profile", england, "--format", "pdf", DEMO);
    expect(pdf.status).toBe(0);
    expect(pdf.stdout.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text } = await pdfText(new Uint8Array(pdf.stdout));
    expect(text).toContain("Pro-rata budget 1265 h");
    expect(text).toContain("School Teachers' Pay and Conditions Document 2025 (England)");
  });

  it("prints an ICS of the counted items, and refuses an unknown format", () => {
    const ics = audit("--profile", england, "--format", "ics", DEMO);
    expect(ics.status).toBe(0);
    expect(ics.stdout.toString("utf8")).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const bad = audit("--profile", england, "--format", "xlsx", DEMO);
    expect(bad.status).toBe(2);
    expect(bad.stdout.length).toBe(0);
    expect(bad.stderr).toMatch(/--format must be one of json, text, csv, pdf, ics/);
  });
});
