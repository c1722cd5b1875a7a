#!/usr/bin/env node
// After `plasmo build` (the build folders are its arguments): give every page of each build a language (Plasmo's page template has no `lang`),
// so screen readers speak it as British English.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const BUILDS = process.argv.slice(2);

function pagesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return pagesUnder(file);
    return name.endsWith(".html") ? [file] : [];
  });
}

for (const build of BUILDS) {
  if (!existsSync(build)) throw new Error(`${build}: no such build`);
  for (const page of pagesUnder(build)) {
    const html = readFileSync(page, "utf8");
    if (!html.includes("<html>")) throw new Error(`${page}: no <html> tag to give a language to`);
    writeFileSync(page, html.replace("<html>", '<html lang="en-GB">'));
  }
}
