import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("..", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, "utf8"),
}));

// A Dexie table written to directly: db.items.put(…), deps.db().settings.bulkDelete(…), db.table(name).clear().
const TABLE_WRITE =
  /\b(?:db(?:\(\))?|table\([^)]*\))\s*(?:\.\s*\w+\s*)?\.\s*(?:put|add|bulkPut|bulkAdd|bulkDelete|delete|clear|update|modify)\s*\(/;

describe("one door to the store", () => {
  it("writes to the database only in src/store/", () => {
    const writers = files.filter((f) => !f.path.startsWith("store/") && TABLE_WRITE.test(f.text));
    expect(writers.map((f) => f.path)).toEqual([]);
  });

  it("sends messages from pages only through the typed client", () => {
    const senders = files.filter(
      (f) => f.path.startsWith("ui/") && f.path !== "ui/client.ts" && /sendToBackground/.test(f.text),
    );
    expect(senders.map((f) => f.path)).toEqual([]);
  });

  it("keeps the store free of the extension API (storage.local belongs to the background and the pages)", () => {
    const users = files.filter((f) => f.path.startsWith("store/") && /platform\/extension/.test(f.text));
    expect(users.map((f) => f.path)).toEqual([]);
  });
});
