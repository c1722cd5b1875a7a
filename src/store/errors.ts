/**
 * Storage failures in words a teacher understands. Every store function throws a StoreError (or a
 * BackupError from backup.ts), so the pages can show `error.message` as it is.
 */
export type StoreErrorReason =
  "quota" | "newer-database" | "unavailable" | "not-found" | "invalid" | "unknown";

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MESSAGES: Record<Exclude<StoreErrorReason, "not-found" | "invalid">, string> = {
  quota: "Your browser's storage is full. Nothing was changed; free some space and try again.",
  "newer-database":
    "Your saved data was written by a newer version of Within Hours. Update the extension and try again; your data has not been touched.",
  unavailable:
    "Your browser is not letting Within Hours use its storage (private browsing or a storage setting can do this). Nothing was changed.",
  unknown:
    "Within Hours could not use its storage just now. Nothing was changed; try again, and if it keeps happening, restart the browser.",
};

/** DOM and Dexie error names, looked for in the error itself and in whatever it wraps. */
const REASON_BY_NAME: Record<string, Exclude<StoreErrorReason, "not-found" | "invalid">> = {
  QuotaExceededError: "quota",
  VersionError: "newer-database",
  MissingAPIError: "unavailable",
  InvalidAccessError: "unavailable",
  SecurityError: "unavailable",
};

export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const reason = findReason(error, 0) ?? "unknown";
  return new StoreError(reason, MESSAGES[reason], { cause: error });
}

/** Dexie wraps the DOM error (`inner`), bulk writes list theirs (`failures`), aborts carry `cause`. */
function findReason(
  error: unknown,
  depth: number,
): Exclude<StoreErrorReason, "not-found" | "invalid"> | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === "string" && e.name in REASON_BY_NAME) return REASON_BY_NAME[e.name];
  const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
  for (const inner of nested) {
    const found = findReason(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Runs a store operation and turns whatever it throws into a StoreError, except what `passThrough` names. */
export async function guarded<T>(
  operation: () => Promise<T>,
  passThrough: (error: unknown) => boolean = () => false,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw passThrough(error) ? error : toStoreError(error);
  }
}
