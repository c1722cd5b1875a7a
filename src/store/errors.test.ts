import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { guarded, StoreError, toStoreError } from "./errors";

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
const FULL = "Your browser's storage is full. Nothing was changed; free some space and try again.";

describe("toStoreError", () => {
  it("says the storage is full, however the browser reports it", () => {
    const shapes: unknown[] = [
      quota(),
      new Dexie.QuotaExceededError("full"),
      new Dexie.AbortError("Transaction aborted", quota()),
      new Dexie.BulkError("1 of 1000 operations failed", { 12: quota() }),
      { name: "DatabaseClosedError", inner: { name: "AbortError", cause: quota() } },
    ];
    for (const shape of shapes) {
      expect(toStoreError(shape)).toMatchObject({ reason: "quota", message: FULL });
    }
  });

  it("explains a missing or blocked storage and a newer database", () => {
    expect(toStoreError(new Dexie.MissingAPIError("no indexedDB")).reason).toBe("unavailable");
    expect(toStoreError(new DOMException("denied", "SecurityError")).message).toMatch(/private browsing/);
    expect(toStoreError(new Dexie.VersionError("newer")).message).toMatch(/newer version of Within Hours/);
  });

  it("falls back to a calm general message and keeps the cause for the log", () => {
    const cause = new TypeError("undefined is not a function");
    const error = toStoreError(cause);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.reason).toBe("unknown");
    expect(error.message).toBe(
      "Within Hours could not use its storage just now. Nothing was changed; try again, and if it keeps happening, restart the browser.",
    );
    expect(error.cause).toBe(cause);
    expect(toStoreError("a string").reason).toBe("unknown");
    expect(toStoreError(null).reason).toBe("unknown");
  });

  it("passes a StoreError through unchanged", () => {
    const original = new StoreError("not-found", "Gone.");
    expect(toStoreError(original)).toBe(original);
  });
});

describe("guarded", () => {
  it("returns the result, or throws a StoreError", async () => {
    expect(await guarded(async () => 7)).toBe(7);
    await expect(guarded(() => Promise.reject(quota()))).rejects.toMatchObject({
      reason: "quota",
      message: FULL,
    });
  });
});
