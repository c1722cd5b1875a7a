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

interface PageWorldRuntime {
  sendMessage?(extensionId: string, message: unknown, callback: (reply: unknown) => void): void;
  lastError?: { message?: string };
}

/**
 * A door to the background for the mail watcher, which runs in whichever world the manifest gives it:
 * the content-script world (Firefox, Outlook; `plasmo dev`), or in Chrome the page's own world, where the
 * only door is the one externally_connectable opens (the background takes two requests from it: see
 * pageWorldSchemas). That door must be addressed with the extension's ID, which the page's world does not
 * know: it is in this script's own address, in a stack trace.
 *
 * Made at document_start, so it does the least it can then: it keeps the stack trace as text (formatted
 * now, before any script of the page could change how stack traces read; 0.2 ms of the page's load,
 * traced) and looks at the extension's API only when the first message goes (the page's world builds
 * `chrome.runtime` on first use, another 0.8 ms).
 */
export function doorFromAnyWorld(): (message: unknown) => Promise<unknown> {
  const stack = new Error().stack ?? "";
  let door: ((message: unknown) => Promise<unknown>) | undefined;
  return (message) => (door ??= openDoor(stack))(message);
}

function openDoor(stack: string): (message: unknown) => Promise<unknown> {
  if (api()?.runtime?.onMessage) return (message) => sendMessage(message);
  const runtime = (globalThis as { chrome?: { runtime?: PageWorldRuntime } }).chrome?.runtime;
  const id = /chrome-extension:\/\/([a-p]{32})\//.exec(stack)?.[1];
  return (message) =>
    new Promise((resolve, reject) => {
      if (!runtime?.sendMessage || !id) throw new Error("The extension is not available.");
      runtime.sendMessage(id, message, (reply) => {
        const error = runtime.lastError;
        if (error) reject(new Error(error.message ?? "The extension is not available."));
        else resolve(reply);
      });
    });
}
