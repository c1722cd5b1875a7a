import * as z from "zod";
import type { ClassificationRule, CoverDecision, SendRecord, Source, WorkItem } from "../model";
import { classificationRuleSchema, profileSchema, sendRecordSchema, sourceSchema } from "../model/schema";
import { PROFILE_KEY, SCHEMA_VERSION, type SettingRow, type WithinHoursDB } from "./db";
import { guarded } from "./errors";
import { CHUNK_SIZE } from "./repo";
import { coverDecisionRowSchema, describeIssue, itemRowSchema } from "./rows";
import { VERSIONS } from "./versions";

/**
 * Everything the teacher has, in one JSON file, and back. An import is checked completely before the
 * database is touched, then replaces every table in one transaction: it all happens or none of it does.
 */
export const BACKUP_FORMAT = "within-hours-backup";

export interface BackupTables {
  items: WorkItem[];
  sources: Source[];
  settings: SettingRow[];
  sendLog: SendRecord[];
  coverDecisions: CoverDecision[];
  classificationRules: ClassificationRule[];
}
export type TableName = keyof BackupTables;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  tables: BackupTables;
}

export type BackupErrorReason = "not-ours" | "newer-version" | "corrupt";

export class BackupError extends Error {
  override readonly name = "BackupError";
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Tables in the order they are written. */
const TABLE_NAMES: readonly TableName[] = [
  "items",
  "sources",
  "settings",
  "sendLog",
  "coverDecisions",
  "classificationRules",
];

/** What one row is called in a message: "item 12", "calendar 2". */
const ROW_LABEL: Record<TableName, string> = {
  items: "item",
  sources: "calendar",
  settings: "setting",
  sendLog: "send record",
  coverDecisions: "cover decision",
  classificationRules: "classification rule",
};

const PRIMARY_KEY: Record<TableName, string> = {
  items: "id",
  sources: "id",
  settings: "key",
  sendLog: "id",
  coverDecisions: "id",
  classificationRules: "id",
};

/** What the background derives and recomputes after a restore may be large; a teacher's own setting is not. */
const DERIVED_SETTING = /^(ledger|popup|sendPolicy|week:.*)$/;
export const MAX_SETTING_CHARS = 256 * 1024;
export const MAX_DERIVED_SETTING_CHARS = 32 * 1024 * 1024;

const settingSchema = z
  .object({ key: z.string().min(1).max(200), value: z.unknown() })
  .superRefine((row, ctx) => {
    const limit = DERIVED_SETTING.test(row.key) ? MAX_DERIVED_SETTING_CHARS : MAX_SETTING_CHARS;
    const size = JSON.stringify(row.value ?? null).length;
    if (size > limit) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `the setting “${row.key.slice(0, 40)}” holds ${sizeText(size)}, more than the ${sizeText(limit)} a setting may hold`,
      });
      return;
    }
    if (row.key !== PROFILE_KEY) return;
    const profile = profileSchema.safeParse(row.value);
    for (const issue of profile.success ? [] : profile.error.issues) {
      ctx.addIssue({ ...issue, path: ["value", ...issue.path] } as z.core.$ZodRawIssue);
    }
  });

const ROW_SCHEMA: Record<TableName, z.ZodType> = {
  items: itemRowSchema,
  sources: sourceSchema,
  settings: settingSchema,
  sendLog: sendRecordSchema,
  coverDecisions: coverDecisionRowSchema,
  classificationRules: classificationRuleSchema,
};

export async function exportAll(db: WithinHoursDB, now: number = Date.now()): Promise<Backup> {
  const tables = await guarded(() =>
    db.transaction("r", TABLE_NAMES, async () => {
      const rows = await Promise.all(TABLE_NAMES.map((name) => db.table(name).toArray()));
      return Object.fromEntries(TABLE_NAMES.map((name, i) => [name, rows[i]])) as unknown as BackupTables;
    }),
  );
  return {
    format: BACKUP_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: new Date(now).toISOString(),
    tables,
  };
}

/**
 * The file's text as JSON, or a BackupError that names what the file is: another kind of file (a calendar,
 * a page, a spreadsheet), or a backup cut off part way (a download or copy that did not finish).
 */
export function parseBackupText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.slice(0, 4096).trimStart();
    if (!start.startsWith("{") || !start.includes(`"${BACKUP_FORMAT}"`)) {
      const what = /^BEGIN:VCALENDAR/i.test(start)
        ? " (it is a calendar: add it under Calendars instead)"
        : start.length === 0
          ? " (it is empty)"
          : "";
      throw new BackupError(
        "not-ours",
        `This file is not a Within Hours backup${what}. Nothing was changed.`,
        {
          cause: error,
        },
      );
    }
    // The parser stopped at the very end of the text (V8 gives the position; SpiderMonkey says "end of data").
    const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? NaN);
    const cutOff = /end of (JSON input|data)/i.test(String(error)) || position >= text.trimEnd().length;
    throw new BackupError(
      "corrupt",
      cutOff
        ? "This backup is incomplete: the file ends part way through (a download or copy that did not finish). Nothing was changed."
        : `This backup is damaged (${jsonProblem(error)}); nothing was changed.`,
      { cause: error },
    );
  }
}

/** The JSON parser's complaint, short and without the file's contents. */
function jsonProblem(error: unknown): string {
  const position = /position (\d+)/.exec(String(error))?.[1];
  return position ? `it cannot be read from character ${position} on` : "the file is not readable";
}

/** Checks a backup completely and returns its tables, or throws a BackupError saying what is wrong. */
export function validateBackup(data: unknown): BackupTables {
  if (!isRecord(data) || data.format !== BACKUP_FORMAT) {
    throw new BackupError("not-ours", "This file is not a Within Hours backup. Nothing was changed.");
  }
  const version = data.schemaVersion;
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    throw new BackupError(
      "newer-version",
      "This backup was made by a newer version of Within Hours; update the extension and try again. Nothing was changed.",
    );
  }
  const written = VERSIONS.find((v) => v.version === version);
  if (!written) throw damaged("its version number is missing or unreadable");
  if (!isRecord(data.tables)) throw damaged("its tables are missing");

  const tables = {} as Record<TableName, unknown[]>;
  for (const name of TABLE_NAMES) {
    const raw = data.tables[name];
    // A table the backup's version did not have yet starts empty.
    if (raw === undefined && !(name in written.stores)) {
      tables[name] = [];
      continue;
    }
    if (!Array.isArray(raw)) throw damaged(`the list of ${ROW_LABEL[name]}s is missing`);
    const parsed = z.array(ROW_SCHEMA[name]).safeParse(raw, { reportInput: true });
    if (!parsed.success) throw damaged(describeRowIssue(name, parsed.error.issues[0]!));
    const seen = new Set<unknown>();
    parsed.data.forEach((row, index) => {
      const key = (row as Record<string, unknown>)[PRIMARY_KEY[name]];
      if (key === undefined) return;
      if (seen.has(key))
        throw damaged(`${ROW_LABEL[name]} ${index + 1}: the same ${PRIMARY_KEY[name]} appears twice`);
      seen.add(key);
    });
    tables[name] = parsed.data.map((row, index) => inInputOrder(raw[index], row));
  }
  return tables as unknown as BackupTables;
}

/**
 * Replaces everything with the backup's contents. Nothing is written unless the whole file is valid, and
 * the writes share one transaction, so a failure part way (a full disk) leaves the old data as it was.
 */
export async function importAll(
  db: WithinHoursDB,
  data: unknown,
  onProgress?: (written: number, total: number) => void,
): Promise<{ counts: Record<TableName, number> }> {
  const tables = validateBackup(data);
  const total = TABLE_NAMES.reduce((sum, name) => sum + tables[name].length, 0);
  let written = 0;
  await guarded(
    () =>
      db.transaction("rw", TABLE_NAMES, async () => {
        for (const name of TABLE_NAMES) await db.table(name).clear();
        for (const name of TABLE_NAMES) {
          const rows = tables[name];
          for (let i = 0; i < rows.length; i += CHUNK_SIZE) {
            try {
              await db.table(name).bulkAdd(rows.slice(i, i + CHUNK_SIZE));
            } catch (error) {
              throw refusedRow(name, i, error);
            }
            written += Math.min(CHUNK_SIZE, rows.length - i);
            onProgress?.(written, total);
          }
        }
      }),
    // A row the storage refused is named (refusedRow), not turned into a general storage failure.
    (error) => error instanceof BackupError,
  );
  const counts = Object.fromEntries(TABLE_NAMES.map((name) => [name, tables[name].length])) as Record<
    TableName,
    number
  >;
  return { counts };
}

/**
 * The checked row with its keys in the file's order (schemas list them in their own order), so that
 * exporting what was imported gives the same file back, byte for byte.
 */
function inInputOrder(raw: unknown, checked: unknown): unknown {
  if (!isRecord(raw) || !isRecord(checked)) return checked;
  return Object.fromEntries(
    Object.keys(raw)
      .filter((key) => key in checked)
      .map((key) => [key, checked[key]]),
  );
}

function damaged(what: string): BackupError {
  return new BackupError("corrupt", `This backup is damaged (${what}); nothing was changed.`);
}

function describeRowIssue(table: TableName, issue: z.core.$ZodIssue): string {
  const [index] = issue.path;
  const where =
    typeof index === "number" ? `${ROW_LABEL[table]} ${index + 1}` : `the list of ${ROW_LABEL[table]}s`;
  return `${where}: ${describeIssue(issue, 1)}`;
}

function sizeText(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / 1024 / 1024)} MB` : `${Math.round(chars / 1024)} KB`;
}

/**
 * A row the browser's storage refused although it passed the checks (a key IndexedDB cannot store): named,
 * so the teacher is not told to restart the browser for a fault in the file. A full disk stays a StoreError.
 */
function refusedRow(name: TableName, offset: number, error: unknown): unknown {
  const failures = (error as { failures?: unknown[] } | null)?.failures;
  const failedAt = (error as { failuresByPos?: Record<string, unknown> } | null)?.failuresByPos;
  const position = failedAt ? Number(Object.keys(failedAt)[0] ?? 0) : 0;
  const inner = failures?.[0] ?? failedAt?.[position] ?? error;
  const innerName = (inner as { name?: string } | null)?.name ?? "";
  if (!/DataError|ConstraintError/.test(innerName) && !/DataError|ConstraintError/.test(String(error)))
    return error;
  const detail = ((inner as { message?: string } | null)?.message ?? String(inner)).split("\n")[0]!;
  return new BackupError(
    "corrupt",
    `This backup cannot be restored: ${ROW_LABEL[name]} ${offset + position + 1} was refused by the browser's storage (${detail.slice(0, 200)}). Nothing was changed.`,
    { cause: error },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
