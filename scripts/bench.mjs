#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, each in its own process, then a summary of the BENCH lines.
// Browser benches need a build: run `npm run build` first (done here if build/ is missing).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

if (!existsSync("build/chrome-mv3-prod/manifest.json"))
  spawnSync("npm", ["run", "build"], { stdio: "inherit" });
const benches = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && f !== "stats.ts")
  .sort();
const lines = [];
let failed = false;
for (const file of benches) {
  console.log(`\n▶ bench/${file}`);
  const result = spawnSync("npx", ["tsx", `bench/${file}`], { encoding: "utf8", env: process.env });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  lines.push(...result.stdout.split("\n").filter((l) => l.startsWith("BENCH ")));
  if (result.status !== 0) failed = true;
}
console.log("\nSummary");
for (const line of lines) console.log(line);
process.exit(failed ? 1 : 0);
