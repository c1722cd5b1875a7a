import Dexie, { type DBCore, type DBCoreMutateRequest, type Middleware, type Table } from "dexie";
import type { ClassificationRule, CoverDecision, SendRecord, Source, WorkItem } from "../model";
import { LONG_ITEM_MS, VERSIONS } from "./versions";

/**
 * The extension's database. Opened only by the background service worker and extension pages, which
 * share the extension origin; a content script would open it in the web page's origin instead.
 */
export const DB_NAME = "within-hours";
export const SCHEMA_VERSION = VERSIONS[VERSIONS.length - 1]!.version;

export interface SettingRow {
  key: string;
  value: unknown;
}

export const PROFILE_KEY = "profile";

/** Dexie stores version n as IndexedDB version 10n (plus a little when it repairs a schema itself). */
const DEXIE_VERSION_FACTOR = 10;

export class WithinHoursDB extends Dexie {
  items!: Table<WorkItem, string>;
  sources!: Table<Source, string>;
  /** Key-value settings: "profile" holds the Profile; other keys belong to their writers. */
  settings!: Table<SettingRow, string>;
  sendLog!: Table<SendRecord, number>;
  coverDecisions!: Table<CoverDecision, number>;
  classificationRules!: Table<ClassificationRule, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const v of VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    // The mirror field is added on every write (whoever writes) and hidden on every read, so callers
    // only ever see the model's WorkItem.
    this.use(itemMirrors);
    this.items.hook("reading", fromStoredItem);
    // Dexie 4 opens a database a newer release wrote (after a downgrade) as if it were current. Its rows may
    // mean something this code does not know, so refuse rather than read or overwrite them.
    this.on("ready", (db) => {
      const installed = Math.floor((db as WithinHoursDB).backendDB().version / DEXIE_VERSION_FACTOR);
      if (installed > SCHEMA_VERSION) {
        throw new Dexie.VersionError(
          `The database is at version ${installed}; this code knows ${SCHEMA_VERSION}.`,
        );
      }
    });
  }
}

export function openDatabase(name: string = DB_NAME): WithinHoursDB {
  return new WithinHoursDB(name);
}

/**
 * IndexedDB cannot find "items overlapping a span" with one range on `start` when an item may have
 * started long before the span. Items longer than a day carry `longItemStart` (a sparse index: short
 * items have no entry), so the overlap query is a short range on `start` plus the few long items.
 */
type StoredItem = WorkItem & { longItemStart?: number };

export function toStoredItem(item: WorkItem): StoredItem {
  const { longItemStart: _stale, ...plain } = item as StoredItem;
  return plain.end - plain.start > LONG_ITEM_MS ? { ...plain, longItemStart: plain.start } : plain;
}

/** Dexie also calls this with `undefined` when `get` finds nothing. */
function fromStoredItem(row: StoredItem | undefined): WorkItem | undefined {
  if (row?.longItemStart === undefined) return row;
  const { longItemStart: _mirror, ...item } = row;
  return item;
}

const itemMirrors: Middleware<DBCore> = {
  stack: "dbcore",
  name: "WithinHoursItemMirrors",
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== "items") return table;
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) =>
          req.type === "add" || req.type === "put"
            ? table.mutate({ ...req, values: req.values.map((v) => toStoredItem(v as WorkItem)) })
            : table.mutate(req),
      };
    },
  }),
};
