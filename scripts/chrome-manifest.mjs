#!/usr/bin/env node
// After `plasmo build` for Chrome: run the mail send watchers in the page's own world, and let those pages
// (and no others) message the background, which is how the watcher asks for its guard.
// A watcher that must also run in about:blank documents (Outlook's pop-out compose) stays in the
// content-script world: a page's world there has no door to the extension (measured: the pop-out test
// failed with it), so only Gmail's watcher moves.
//
// Why: creating a content-script world at document_start was most of what the extension still cost each
// mail page load (bench/guard-browser.ts traces it); a script in the page's world skips that. Plasmo's own
// `world: "MAIN"` registers such scripts from the service worker at run time, for every browser target;
// Firefox cannot message the background from a page's world, so its build keeps Plasmo's manifest as is.
// The mail hosts are the manifest's host_permissions (e2e/manifest.e2e.ts checks they are the mail hosts).
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "build/chrome-mv3-prod/manifest.json";
const manifest = JSON.parse(readFileSync(file, "utf8"));
const mailHosts = manifest.host_permissions ?? [];
const movable = (script) =>
  script.matches.every((m) => mailHosts.includes(m)) &&
  !script.match_about_blank &&
  !script.match_origin_as_fallback;

const watchers = (manifest.content_scripts ?? []).filter(movable);
if (watchers.length === 0 || mailHosts.length === 0) {
  console.error(`${file}: no mail content scripts or mail hosts found; the build has changed shape.`);
  process.exit(1);
}
for (const script of watchers) script.world = "MAIN";
manifest.externally_connectable = { matches: watchers.flatMap((script) => script.matches) };
writeFileSync(file, JSON.stringify(manifest));
console.log(
  `${file}: ${watchers.length} mail watcher(s) set to the page's world; externally_connectable: ${manifest.externally_connectable.matches.join(", ")}`,
);
