#!/usr/bin/env node
// `npm start`: installs what a fresh machine lacks, then runs the demo (scripts/demo-run.ts).
// Plain Node with no dependencies, so it can run before `npm ci`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    console.error(
      "Chromium is missing: install it with `sudo apt-get install -y chromium`, then run `npm start` again.",
    );
    process.exit(2);
  }
  console.log("Installing Chromium from Debian…");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "chromium"]);
}
if (!existsSync("node_modules/.bin/plasmo")) run("npm", ["ci", "--no-audit", "--no-fund"]);
run("npm", ["run", "--silent", "build"]);
run("npx", ["tsx", "scripts/demo-run.ts", ...process.argv.slice(2)]);
