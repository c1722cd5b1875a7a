#!/usr/bin/env node
// `npm test`: type-check, lint, unit tests, build, browser tests in Chromium, then the Firefox build's lint and
// browser tests in Firefox ESR, in that order.
// Stops at the first failing step; ends with one "tests: N passed, N failed" line for CI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

mkdirSync("e2e/out", { recursive: true });
const steps = [
  ["type-check", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", "."]],
  ["format", "npx", ["prettier", "--check", "."]],
  [
    "unit tests",
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=e2e/out/unit.json"],
  ],
  ["build", "npm", ["run", "--silent", "build"]],
  [
    "browser tests",
    "npx",
    [
      "vitest",
      "run",
      "--config",
      "e2e/vitest.config.ts",
      "--reporter=default",
      "--reporter=json",
      "--outputFile=e2e/out/e2e.json",
    ],
  ],
  // web-ext's errors fail the step; its warnings (library code's innerHTML, the lazy import) are printed.
  ["Firefox lint", "npx", ["web-ext", "lint", "--source-dir", "build/firefox-mv3-prod"]],
  [
    "Firefox browser tests",
    "npx",
    [
      "vitest",
      "run",
      "--config",
      "e2e/firefox/vitest.config.ts",
      "--reporter=default",
      "--reporter=json",
      "--outputFile=e2e/out/e2e-firefox.json",
    ],
  ],
];

let passed = 0;
let failed = 0;
function count(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  console.log(
    `  ${name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (name === "unit tests") count("e2e/out/unit.json");
  if (name === "browser tests") count("e2e/out/e2e.json");
  if (name === "Firefox browser tests") count("e2e/out/e2e-firefox.json");
  if (result.status !== 0) {
    console.log(`\ntests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
