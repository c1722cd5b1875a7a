/** The part of `navigator.storage` this needs, injected so it can be tested without a browser. */
export interface PersistentStorage {
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
}

/**
 * Asks the browser not to clear the extension's data under storage pressure. Returns whether storage is
 * persistent; never throws, because a refusal only means the browser may clear data when the disk is full.
 */
export async function requestPersistence(storage: PersistentStorage): Promise<boolean> {
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
