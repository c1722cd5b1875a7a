import type { Transaction } from "dexie";

/**
 * Every schema the database has had, oldest first, kept as data so the migration test can write a
 * database exactly as each earlier version did and then open it with the current code.
 * Never edit a released entry: add a new one with an upgrade.
 */
export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then the indexes. Tables absent here do not exist yet. */
  stores: Record<string, string>;
  /** Rewrites existing rows for this version; runs once, inside the version-change transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Items longer than this carry the `longItemStart` mirror (see db.ts). */
export const LONG_ITEM_MS = 86_400_000;

export const VERSIONS: readonly SchemaVersion[] = [
  {
    // The first schema: items, sources, settings (profile and the rest), send log, cover decisions.
    version: 1,
    stores: {
      items: "id, start, source",
      sources: "id, type",
      settings: "key",
      sendLog: "++id, at",
      coverDecisions: "++id, start",
    },
  },
  {
    // Teachers' corrections become classification rules; long items (holidays, INSET weeks) get a
    // sparse index so a week's query finds an item that started long before the week.
    version: 2,
    stores: {
      items: "id, start, source, longItemStart",
      sources: "id, type",
      settings: "key",
      sendLog: "++id, at",
      coverDecisions: "++id, start",
      classificationRules: "++id",
    },
    upgrade: async (tx) => {
      await tx
        .table("items")
        .filter((row: { start: number; end: number }) => row.end - row.start > LONG_ITEM_MS)
        .modify((row: { start: number; longItemStart?: number }) => {
          row.longItemStart = row.start;
        });
    },
  },
];
