/**
 * `npm run --silent read-page -- --url <address> [--time-zone <IANA>] [--today YYYY-MM-DD] <saved page or JSON file>`
 *
 * Runs the extension's page readers without a browser. Prints `{"site","items":[{title,start,end,location,group}],
 * "warnings"}` with ISO 8601 instants and exits 0; when the page cannot be read, prints one line on stderr,
 * nothing on stdout, and exits 2. See docs/READ-PAGE.md.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { isKnownTimeZone } from "../src/model/schema";
import { parseHtmlInNode } from "../src/ingest/pages/html-node";
import { readPage } from "../src/ingest/pages/registry";
import type { PageInput } from "../src/ingest/pages/types";

const USAGE =
  "Usage: npm run --silent read-page -- --url <address> [--time-zone <IANA>] [--today YYYY-MM-DD] <saved page or JSON file>";
const MAX_BYTES = 20 * 1024 * 1024;

class Refusal extends Error {}

function fail(message: string): never {
  throw new Refusal(message.replace(/\s+/g, " ").trim());
}

function parseArgs(argv: string[]) {
  let url: string | undefined;
  let timeZone = "Europe/London";
  let today: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    if (flag === "--url") url = value();
    else if (flag === "--time-zone") timeZone = value();
    else if (flag === "--today") today = value();
    else if (flag === "--help" || flag === "-h") fail(USAGE);
    else if (arg.startsWith("--")) fail(`Unknown option ${flag}. ${USAGE}`);
    else files.push(arg);
  }
  if (!url) fail(`No --url given: the page's address picks its reader. ${USAGE}`);
  if (files.length !== 1) fail(`Give exactly one saved page or JSON file. ${USAGE}`);
  if (!isKnownTimeZone(timeZone)) fail(`${timeZone} is not a time zone name such as Europe/London.`);
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))
    fail("--today must be a date such as 2026-06-08.");
  return { url, timeZone, today, file: files[0]! };
}

/** Today's date in a zone. */
function todayIn(zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

export interface RunResult {
  status: 0 | 2;
  stdout: string;
  stderr: string;
}

/** The whole command on its arguments, without exiting: what `main` prints and its exit status. */
export function runReadPage(argv: string[]): RunResult {
  try {
    return { status: 0, stdout: read(argv), stderr: "" };
  } catch (error) {
    if (error instanceof Refusal) return { status: 2, stdout: "", stderr: error.message + "\n" };
    throw error;
  }
}

function read(argv: string[]): string {
  const args = parseArgs(argv);
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch {
    fail(`Cannot read the file ${args.file}.`);
  }
  if (size > MAX_BYTES) fail(`${basename(args.file)}: this file is larger than 20 MB.`);
  const text = readFileSync(args.file, "utf8");
  const input: PageInput = {
    url: args.url,
    timeZone: args.timeZone,
    today: args.today ?? todayIn(args.timeZone),
    parseHtml: (html) => parseHtmlInNode(html, args.url),
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      input.json = JSON.parse(text);
    } catch {
      // Answers saved from other tools may carry a trailing comma; nothing else is forgiven.
      try {
        input.json = JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));
      } catch {
        fail(`${basename(args.file)} is not valid JSON.`);
      }
    }
  } else input.document = parseHtmlInNode(text, args.url);
  const reading = readPage(input);
  if (!reading.ok) fail(`Could not read this page: ${reading.reason}`);
  const out = {
    site: reading.site,
    items: reading.items.map((i) => ({
      title: i.title,
      start: new Date(i.start).toISOString(),
      end: new Date(i.end).toISOString(),
      location: i.location ?? null,
      group: i.group ?? null,
    })),
    warnings: reading.warnings,
  };
  return JSON.stringify(out, null, 2) + "\n";
}

if (process.argv[1] && /read-page\.ts$/.test(process.argv[1])) {
  const result = runReadPage(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.status;
}
