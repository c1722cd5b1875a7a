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
if (!existsSync("node_modules/.bin/plasmo")) {
  // --loglevel=error hides npm's notices about dev tools that prefer a newer Node (node-ical, used only by
  // the bench) and about install scripts it does not run: none of them matter to the demo.
  console.log("Installing the project's packages (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
}
// Only the Chrome build: the demo runs in Chromium. Plasmo's own output (including a red "fetch failed" line:
// it looks for a newer Plasmo and this machine is offline) is shown only if the build fails.
console.log("Building the extension for Chromium…");
const started = Date.now();
const build = spawnSync("npm", ["run", "--silent", "build:chrome"], { encoding: "utf8" });
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? "");
  process.stderr.write(build.stderr ?? "");
  process.exit(build.status ?? 1);
}
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s: build/chrome-mv3-prod`);
run("npx", ["tsx", "scripts/demo-run.ts", ...process.argv.slice(2)]);
