import { DateTime } from "luxon";
import { KIND_NAMES, familyKey, type ItemKind, type Profile, type Severity, type WorkItem } from "../model";
import { partialProfileSchema } from "../model/schema";
import { CoverChecker, type CoverSeverity } from "../rules/cover";
import { evaluate, type Evaluation } from "../rules/engine";
import { defaultTimeZone, profileWithDefaults } from "../rules/profile-defaults";
import { formatMinutes } from "../rules/util";
import { IcsError, parseIcs, type IcsErrorReason, type TimeBudget } from "./ics";
import { dedupeAcrossSources } from "./dedupe";
import { zoneForMany } from "./timezones";
import { academicYearSpan } from "../time";
import { eventsToItems, needsConfirmation, trainingDaysFrom } from "./to-items";

/**
 * The audit: calendar files and a profile in, the year's ledger, findings and open questions out. The same
 * pipeline the extension runs on import, without a browser, for union reps, scripts and tests
 * (`npm run audit`, docs/AUDIT.md).
 */
export interface AuditWeek {
  start: string;
  directedMinutes: number;
  teachingMinutes: number;
  ppaMinutes: number;
  /** PPA displaced by cover or other directed work: not PPA, to be reinstated. */
  ppaLostMinutes: number;
  coverCount: number;
  meetingCount: number;
  eveningCount: number;
}

export interface AuditFinding {
  rule: string;
  severity: Severity;
  start: string;
  end: string;
  message: string;
}

export interface AuditQuestion {
  title: string;
  /** First occurrence. */
  start: string;
  guess: string;
  /** How many entries share this title's family (familyKey). */
  count: number;
}

/** One classified calendar entry, for `--items`: every decision the audit made, asked or not. */
export interface AuditItem {
  title: string;
  /** ISO 8601 with the profile zone's offset. */
  start: string;
  end: string;
  kind: string;
  directed: boolean;
  /** 0–1; 1 for a teacher's rule. */
  confidence: number;
  /** Below the confirmation threshold: the extension would ask the teacher. */
  asked: boolean;
  /** The calendar file it came from. */
  source: string;
}

export interface AuditReport {
  weeks: AuditWeek[];
  year: { start: string; directedMinutes: number; budgetMinutes: number; forecastMinutes: number };
  findings: AuditFinding[];
  unconfirmed: AuditQuestion[];
  /** Anything read with a guess or left out, in plain words. */
  warnings: string[];
  /** With `--cover`: the verdict on the proposed cover against these calendars. */
  cover?: { severity: CoverSeverity; findings: { rule: string; severity: Severity; message: string }[] };
  /** Only with `{ items: true }` (`audit --items`). */
  items?: AuditItem[];
}

export type AuditErrorReason = IcsErrorReason | "invalid-profile" | "invalid-cover";

/** An input the audit cannot use: the CLI exits 2 with `message` as its one line. */
export class AuditError extends Error {
  constructor(
    readonly reason: AuditErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "AuditError";
  }
}

export interface AuditInput {
  /** File name, used in messages and item ids. */
  name: string;
  text: string;
}

export function auditProfile(profileJson: unknown, now: number): Profile {
  const parsed = partialProfileSchema.safeParse(profileJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `"${issue.path.join(".")}": ` : "";
    throw new AuditError(
      "invalid-profile",
      `The profile is not valid: ${where}${issue?.message ?? "unreadable"}.`,
    );
  }
  const partial = parsed.data as Partial<Profile>;
  const zone = partial.timeZone ?? defaultTimeZone(partial.jurisdiction);
  const today = DateTime.fromMillis(now, { zone }).toISODate() ?? "";
  return profileWithDefaults(partial, today);
}

/**
 * A proposed cover as `<start>/<end>`, ISO 8601 (an instant with an offset, or a local time in the profile's
 * zone).
 */
export function parseCoverInterval(text: string, zone: string): { start: number; end: number } {
  const [from, to, extra] = text.split("/");
  const at = (s: string | undefined) => (s ? DateTime.fromISO(s.trim(), { zone }) : null);
  const start = at(from);
  const end = at(to);
  if (extra !== undefined || !start?.isValid || !end?.isValid) {
    throw new AuditError(
      "invalid-cover",
      `--cover needs <start>/<end> as ISO 8601 times, such as 2025-11-10T14:00:00Z/2025-11-10T15:00:00Z; got "${text}".`,
    );
  }
  if (end <= start)
    throw new AuditError("invalid-cover", `--cover: the end ${to} is not after the start ${from}.`);
  return { start: start.toMillis(), end: end.toMillis() };
}

/** What the audit counts from: the items read, the profile with its defaults, and the engine's evaluation. */
export interface AuditLedger {
  items: WorkItem[];
  profile: Profile;
  evaluation: Evaluation;
  warnings: string[];
  now: number;
}

/** Reads the calendars and evaluates them: the part the JSON, text, CSV, PDF and ICS outputs share. */
export function auditLedger(
  inputs: readonly AuditInput[],
  profileJson: unknown,
  opts: { now?: number; timeBudget?: TimeBudget } = {},
): AuditLedger {
  const read = readAudit(inputs, profileJson, opts);
  return { ...read, evaluation: evaluate(read.items, read.profile, { now: read.now }) };
}

export function runAudit(
  inputs: readonly AuditInput[],
  profileJson: unknown,
  opts: { now?: number; timeBudget?: TimeBudget; cover?: string; items?: boolean } = {},
): AuditReport {
  const now = opts.now ?? Date.now();
  const coverSlot =
    opts.cover === undefined
      ? undefined
      : parseCoverInterval(opts.cover, auditProfile(profileJson, now).timeZone);
  const read = readAudit(inputs, profileJson, { ...opts, now });
  // With a proposed cover the checker evaluates the year once and checks the cover against it.
  const checker = coverSlot ? new CoverChecker(read.items, read.profile, { now }) : null;
  const evaluation = checker ? checker.evaluation : evaluate(read.items, read.profile, { now });
  const verdict = checker && coverSlot ? checker.check(coverSlot) : null;
  return auditReport({ ...read, evaluation }, verdict, { items: opts.items });
}

function readAudit(
  inputs: readonly AuditInput[],
  profileJson: unknown,
  opts: { now?: number; timeBudget?: TimeBudget },
): Omit<AuditLedger, "evaluation"> {
  const now = opts.now ?? Date.now();
  let profile = auditProfile(profileJson, now);
  const window = academicYearSpan(profile);
  const warnings: string[] = [];
  let items: WorkItem[] = [];
  // eventsToItems gives unique ids within one file; only several files can repeat an id.
  const seen = inputs.length > 1 ? new Set<string>() : undefined;
  for (const input of inputs) {
    let parsed;
    try {
      parsed = parseIcs(input.text, { window, defaultZone: profile.timeZone, timeBudget: opts.timeBudget });
    } catch (e) {
      if (e instanceof IcsError) throw new AuditError(e.reason, `${input.name}: ${e.message}`);
      throw e;
    }
    const prefix = inputs.length > 1 ? `${input.name}: ` : "";
    warnings.push(...parsed.warnings.map((w) => prefix + w));
    const fileItems = eventsToItems(parsed.events, `ics:${input.name}`, [], now);
    if (!seen) {
      items = fileItems;
      continue;
    }
    for (const item of fileItems) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  if (inputs.length > 1) {
    // The same event in two files counts once, from the file named first.
    const once = dedupeAcrossSources(
      items,
      inputs.map((input) => `ics:${input.name}`),
    );
    items = once.items;
    for (const { kept, dropped, count } of once.overlaps) {
      warnings.push(
        `${dropped.slice(4)} repeats ${count} ${count === 1 ? "event" : "events"} of ${kept.slice(4)}; each was counted once, from ${kept.slice(4)} (name the file you trust first to change which).`,
      );
    }
  }
  if (!items.some((item) => !item.allDay)) {
    warnings.push(
      `No timed entries fall in the academic year starting ${profile.academicYearStart}; set "academicYearStart" in the profile to audit another year.`,
    );
  }

  // All-day INSET entries are the school's training days, unless the profile lists its own.
  if (profile.trainingDays.length === 0) {
    const trainingDays = trainingDaysFrom(
      items,
      (t) => DateTime.fromMillis(t, { zone: profile.timeZone }).toISODate() ?? "",
    );
    if (trainingDays.length > 0) profile = { ...profile, trainingDays: trainingDays.slice(0, 30) };
  }

  return { items, profile, warnings, now };
}

/** The JSON report of an audited ledger, with the verdict on a proposed cover if one was checked. */
export function auditReport(
  { items, profile, evaluation, warnings }: AuditLedger,
  verdict: ReturnType<CoverChecker["check"]> | null = null,
  options: { items?: boolean } = {},
): AuditReport {
  const iso = isoIn(profile.timeZone);

  const report: AuditReport = {
    weeks: evaluation.weeks.map((w) => ({
      start: w.start,
      directedMinutes: w.directedMinutes,
      teachingMinutes: w.teachingMinutes,
      ppaMinutes: w.ppaMinutes,
      ppaLostMinutes: w.ppaLostMinutes,
      coverCount: w.coverCount,
      meetingCount: w.meetingCount,
      eveningCount: w.eveningCount,
    })),
    year: {
      start: evaluation.year.start,
      directedMinutes: evaluation.year.directedMinutes,
      budgetMinutes: evaluation.year.budgetMinutes,
      forecastMinutes: evaluation.year.forecastMinutes,
    },
    findings: evaluation.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      start: iso(f.start),
      end: iso(f.end),
      message: f.message,
    })),
    unconfirmed: questions(items, iso),
    warnings,
    ...(verdict && {
      cover: {
        severity: verdict.severity,
        findings: verdict.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
      },
    }),
  };
  if (options.items) report.items = decisions(items, iso);
  return report;
}

function decisions(items: readonly WorkItem[], iso: (ms: number) => string): AuditItem[] {
  return [...items]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((item) => ({
      title: item.title,
      start: iso(item.start),
      end: iso(item.end),
      kind: item.kind,
      directed: item.directed,
      confidence: item.confidence ?? 1,
      asked: needsConfirmation(item),
      source: item.source.replace(/^ics:/, ""),
    }));
}

/**
 * Local ISO times in `zone`. Findings and questions share a few hundred distinct instants among thousands of
 * mentions, and each luxon conversion asks Intl for the zone's offset, so each instant is converted once.
 */
function isoIn(zoneName: string): (ms: number) => string {
  const zone = zoneForMany(zoneName);
  const known = new Map<number, string>();
  return (ms) => {
    let text = known.get(ms);
    if (text === undefined) {
      text = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? "";
      known.set(ms, text);
    }
    return text;
  };
}

/**
 * One question per title family ("Academic Week 1" … "Academic Week 52" is one): confirming it once (as a
 * rule) answers every occurrence.
 */
function questions(items: readonly WorkItem[], iso: (ms: number) => string): AuditQuestion[] {
  const byFamily = new Map<string, AuditQuestion>();
  const sorted = [...items].sort((a, b) => a.start - b.start);
  for (const item of sorted) {
    if (!needsConfirmation(item)) continue;
    const key = familyKey(item.title);
    const existing = byFamily.get(key);
    if (existing) existing.count++;
    else byFamily.set(key, { title: item.title, start: iso(item.start), guess: item.kind, count: 1 });
  }
  return [...byFamily.values()];
}

/** The weekly table for `--format text`. */
export function formatAuditText(report: AuditReport): string {
  const out: string[] = [];
  const header = ["Week of", "Directed", "Teaching", "PPA", "Cover", "Meetings", "Evenings"];
  const rows = report.weeks
    .filter((w) => w.directedMinutes > 0 || w.teachingMinutes > 0 || w.coverCount > 0)
    .map((w) => [
      w.start,
      formatMinutes(w.directedMinutes),
      formatMinutes(w.teachingMinutes),
      formatMinutes(w.ppaMinutes),
      String(w.coverCount),
      String(w.meetingCount),
      String(w.eveningCount),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  out.push(line(header));
  for (const row of rows) out.push(line(row));
  const hidden = report.weeks.length - rows.length;
  if (hidden > 0) out.push(`(${hidden} weeks with no directed time not shown)`);
  out.push("");
  const y = report.year;
  out.push(
    `Academic year from ${y.start}: ${formatMinutes(y.directedMinutes)} directed` +
      (y.budgetMinutes > 0 ? ` of a ${formatMinutes(y.budgetMinutes)} budget` : "") +
      `; forecast for the year ${formatMinutes(y.forecastMinutes)}.`,
  );
  out.push("");
  out.push(report.findings.length ? `Findings (${report.findings.length}):` : "No findings.");
  for (const f of report.findings)
    out.push(`  ${f.severity.toUpperCase()} ${f.rule} ${f.start.slice(0, 10)}: ${f.message}`);
  if (report.unconfirmed.length) {
    out.push("");
    out.push(`Please confirm (${report.unconfirmed.length}):`);
    for (const q of report.unconfirmed) {
      const label = KIND_NAMES[q.guess as ItemKind]?.phrase ?? q.guess;
      const times = q.count > 1 ? `, ${q.count} entries` : "";
      out.push(`  "${q.title}" (first ${q.start.slice(0, 16).replace("T", " ")}${times}): guessed ${label}`);
    }
  }
  if (report.cover) {
    out.push("");
    out.push(`Proposed cover: ${report.cover.severity.toUpperCase()}`);
    for (const f of report.cover.findings) out.push(`  ${f.severity.toUpperCase()} ${f.rule}: ${f.message}`);
  }
  if (report.warnings.length) {
    out.push("");
    out.push("Notes:");
    for (const w of report.warnings) out.push(`  ${w}`);
  }
  return out.join("\n") + "\n";
}
