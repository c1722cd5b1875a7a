import { describe, expect, it, vi } from "vitest";
import { requestPersistence } from "./persist";

describe("requestPersistence", () => {
  it("does not ask again when storage is already persistent", async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistence({ persisted: async () => true, persist })).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it("asks, and reports what the browser decided", async () => {
    expect(await requestPersistence({ persisted: async () => false, persist: async () => true })).toBe(true);
    expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe(
      false,
    );
  });

  it("treats a failure as a refusal instead of throwing", async () => {
    const failing = async (): Promise<boolean> => {
      throw new DOMException("not allowed", "NotAllowedError");
    };
    expect(await requestPersistence({ persisted: failing, persist: failing })).toBe(false);
    expect(await requestPersistence({ persisted: async () => false, persist: failing })).toBe(false);
  });
});
