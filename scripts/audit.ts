/**
 * `npm run --silent audit -- --profile <profile.json> [--format json|text] [--cover <start>/<end>] <calendar.ics> [more.ics…]`
 *
 * Prints one JSON report (or a weekly table) and exits 0; when an input cannot be used, prints one line on
 * stderr, nothing on stdout, and exits 2. See docs/AUDIT.md.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { AuditError, formatAuditText, runAudit, type AuditInput } from "../src/ingest/audit";
import { IMPORT_TIME_BUDGET, MAX_ICS_BYTES } from "../src/ingest/ics";

const USAGE =
  "Usage: npm run --silent audit -- --profile <profile.json> [--format json|text] [--cover <start>/<end>] <calendar.ics> [more.ics…]";

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(message.replace(/\s+/g, " ").trim() + "\n");
  process.exit(2);
}

function parseArgs(argv: string[]): {
  profile: string;
  format: "json" | "text";
  cover?: string;
  files: string[];
} {
  let profile: string | undefined;
  let cover: string | undefined;
  let format: "json" | "text" = "json";
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    if (flag === "--profile") profile = value();
    else if (flag === "--cover") cover = value();
    else if (flag === "--format") {
      const v = value();
      if (v !== "json" && v !== "text") throw new UsageError(`--format must be json or text. ${USAGE}`);
      format = v;
    } else if (flag === "--help" || flag === "-h") throw new UsageError(USAGE);
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option ${flag}. ${USAGE}`);
    else files.push(arg);
  }
  if (!profile) throw new UsageError(`No profile given. ${USAGE}`);
  if (files.length === 0) throw new UsageError(`No calendar file given. ${USAGE}`);
  return { profile, format, files, ...(cover !== undefined && { cover }) };
}

function readProfile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    fail(`Cannot read the profile file ${path}.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    fail(`The profile file ${path} is not valid JSON.`);
  }
}

function readCalendar(path: string): AuditInput {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    fail(`Cannot read the calendar file ${path}.`);
  }
  // Checked before reading, so a huge file is never loaded.
  if (size > MAX_ICS_BYTES) fail(`${basename(path)}: this calendar file is larger than 20 MB.`);
  return { name: basename(path), text: readFileSync(path, "utf8") };
}

function main(): void {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  const profile = readProfile(args.profile);
  const inputs = args.files.map(readCalendar);
  let report;
  try {
    report = runAudit(inputs, profile, { timeBudget: IMPORT_TIME_BUDGET, cover: args.cover });
  } catch (e) {
    if (e instanceof AuditError) fail(e.message);
    throw e;
  }
  process.stdout.write(
    args.format === "text" ? formatAuditText(report) : JSON.stringify(report, null, 2) + "\n",
  );
}

main();
