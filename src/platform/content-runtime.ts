/**
 * The content scripts' own small door to the extension: promise-style messaging and local storage through
 * `chrome.*` (or Firefox's `browser.*`), without webextension-polyfill, which would blow the mail content
 * script's size budget.
 */

interface RuntimeLike {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

interface StorageAreaLike {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

interface ExtensionGlobal {
  runtime?: RuntimeLike;
  storage?: { local?: StorageAreaLike };
}

function api(): ExtensionGlobal | undefined {
  const g = globalThis as { chrome?: ExtensionGlobal; browser?: ExtensionGlobal };
  return g.chrome?.runtime ? g.chrome : g.browser;
}

/** Send to the background; rejects when the extension is gone (reloaded or updated under the page). */
export async function sendMessage<T>(message: unknown): Promise<T> {
  const runtime = api()?.runtime;
  if (!runtime?.id) throw new Error("The extension is not available.");
  return (await runtime.sendMessage(message)) as T;
}

/** Listen for pushes from the background; returns the function that stops listening. */
export function onMessage(listener: (message: unknown) => void): () => void {
  const runtime = api()?.runtime;
  if (!runtime) return () => undefined;
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}

/** Read several keys in one trip; missing keys are absent from the result. */
export async function getLocal(keys: string[]): Promise<Record<string, unknown>> {
  const local = api()?.storage?.local;
  return local ? await local.get(keys) : {};
}

export async function setLocal(key: string, value: unknown): Promise<void> {
  await api()?.storage?.local?.set({ [key]: value });
}
