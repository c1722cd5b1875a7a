/**
 * `npm run --silent audit -- --profile <profile.json> [--format json|text|csv|pdf|ics] [--cover <start>/<end>] [--items] <calendar.ics> [more.ics…]`
 *
 * Prints one JSON report (or a weekly table) and exits 0; when an input cannot be used, prints one line on
 * stderr, nothing on stdout, and exits 2. See docs/AUDIT.md.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { AuditError, auditLedger, formatAuditText, runAudit, type AuditInput } from "../src/ingest/audit";
import { EVIDENCE_FORMATS, evidenceFile, type EvidenceFormat } from "../src/evidence/file";
import { MAX_ICS_BYTES } from "../src/ingest/ics";

const USAGE =
  "Usage: npm run --silent audit -- --profile <profile.json> [--format json|text|csv|pdf|ics] [--cover <start>/<end>] [--items] <calendar.ics> [more.ics…]";

type Format = "json" | "text" | EvidenceFormat;
const FORMATS: readonly string[] = ["json", "text", ...EVIDENCE_FORMATS];

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(message.replace(/\s+/g, " ").trim() + "\n");
  process.exit(2);
}

function parseArgs(argv: string[]): {
  profile: string;
  format: Format;
  cover?: string;
  items: boolean;
  files: string[];
} {
  let profile: string | undefined;
  let cover: string | undefined;
  let format: Format = "json";
  let items = false;
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
      if (!FORMATS.includes(v))
        throw new UsageError(`--format must be one of ${FORMATS.join(", ")}. ${USAGE}`);
      format = v as Format;
    } else if (flag === "--items") {
      if (inline !== undefined) throw new UsageError(`--items takes no value. ${USAGE}`);
      items = true;
    } else if (flag === "--help" || flag === "-h") throw new UsageError(USAGE);
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option ${flag}. ${USAGE}`);
    else files.push(arg);
  }
  if (!profile) throw new UsageError(`No profile given. ${USAGE}`);
  if (files.length === 0) throw new UsageError(`No calendar file given. ${USAGE}`);
  if (items && format !== "json") throw new UsageError(`--items is for the JSON output. ${USAGE}`);
  return { profile, format, items, files, ...(cover !== undefined && { cover }) };
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

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  const profile = readProfile(args.profile);
  const inputs = args.files.map(readCalendar);
  const format = args.format;
  if (format === "json" || format === "text") {
    let report;
    try {
      // No time budget: nobody waits on a script as on an import, and the parser's caps bound the work.
      report = runAudit(inputs, profile, { cover: args.cover, items: args.items });
    } catch (e) {
      if (e instanceof AuditError) fail(e.message);
      throw e;
    }
    process.stdout.write(
      format === "text" ? formatAuditText(report) : JSON.stringify(report, null, 2) + "\n",
    );
    return;
  }
  // The evidence pack: the academic year's items, as the options page makes it.
  let ledger;
  try {
    ledger = auditLedger(inputs, profile);
  } catch (e) {
    if (e instanceof AuditError) fail(e.message);
    throw e;
  }
  const file = await evidenceFile(ledger, format);
  process.stdout.write(typeof file === "string" ? file : Buffer.from(file));
}

await main();
