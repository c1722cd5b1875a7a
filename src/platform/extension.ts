/**
 * The only place that calls the WebExtension API (through webextension-polyfill), for the background and
 * the extension pages. Content scripts use ./content-runtime instead, to stay small.
 */
import browser from "webextension-polyfill";

export type MessageSender = browser.Runtime.MessageSender;
export type Alarm = browser.Alarms.Alarm;

export const extensionId = (): string => browser.runtime.id;
export const extensionOrigin = (): string => browser.runtime.getURL("");

/** Send a request to the background from an extension page. */
export function sendToBackground<T>(message: unknown): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

export function onMessage(
  listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined,
): void {
  browser.runtime.onMessage.addListener(
    listener as Parameters<typeof browser.runtime.onMessage.addListener>[0],
  );
}

export const onInstalled = browser.runtime.onInstalled;
export const onStartup = browser.runtime.onStartup;

export const alarms = {
  create: (name: string, info: browser.Alarms.CreateAlarmInfoType) => browser.alarms.create(name, info),
  get: (name: string) => browser.alarms.get(name),
  onAlarm: browser.alarms.onAlarm,
};

/** Ask for a feed's host from a user click (optional_host_permissions). */
export function requestHostPermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [origin] });
}
export function hasHostPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [origin] });
}
export async function removeHostPermission(origin: string): Promise<void> {
  await browser.permissions.remove({ origins: [origin] });
}

/** Which of these host patterns are granted now (the teacher can take a site's access away). */
export async function grantedHostPatterns(patterns: readonly string[]): Promise<Set<string>> {
  const granted = await Promise.all(patterns.map((p) => browser.permissions.contains({ origins: [p] })));
  return new Set(patterns.filter((_, i) => granted[i]));
}
/** Ask for host patterns again; call it straight from a click (a prompt needs the teacher's gesture). */
export function requestHostPermissions(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}
/** Runs `listener` whenever a permission is granted or taken away; returns how to stop listening. */
export function onPermissionsChanged(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}

/** Push a message to every open tab of the given URL patterns; tabs without our content script ignore it. */
export async function pushToTabs(urlPatterns: string[], message: unknown): Promise<void> {
  const tabs = await browser.tabs.query({ url: urlPatterns });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => {}),
    ),
  );
}

/** Run one of the extension's own script files in one frame of a tab (the mail hosts are granted). */
export async function executeScriptFile(tabId: number, frameId: number, file: string): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
}

export function setBadge(text: string, color: string): Promise<unknown> {
  return Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
  ]);
}

/** extension storage.local: content scripts read it without waking the service worker. */
export function setLocalStorage(items: Record<string, unknown>): Promise<void> {
  return browser.storage.local.set(items);
}

/**
 * extension storage.session: kept in memory while the browser runs, across worker stops; content
 * scripts cannot reach it (its default access level is the extension's own pages and workers).
 */
export async function getSessionValue(key: string): Promise<unknown> {
  return (await browser.storage.session.get(key))[key];
}

export function setSessionValue(key: string, value: unknown): Promise<void> {
  return browser.storage.session.set({ [key]: value });
}

export async function getLocalStorage<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.local.get(key))[key] as T | undefined;
}

/** navigator.storage where it exists (service worker and pages). */
export function storageManager(): StorageManager | undefined {
  return typeof navigator !== "undefined" ? navigator.storage : undefined;
}

export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/** The first-run page (Plasmo builds tabs/welcome.tsx to this path). */
export const WELCOME_PAGE = "tabs/welcome.html";

/** Open one of the extension's own pages in a new tab. */
export async function openExtensionTab(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
}

/** The tab the teacher is looking at (the popup's own window's active tab). */
export async function activeTab(): Promise<{ id?: number; url?: string } | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ? { id: tab.id, url: tab.url } : undefined;
}

/**
 * Runs `collect` once in a tab's page world and returns what it returns. Only after the teacher's click:
 * activeTab grants this tab for the moment, with no host permission.
 */
export async function runInTab<T>(tabId: number, collect: () => T): Promise<T | undefined> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, world: "MAIN", func: collect });
  return result?.result as T | undefined;
}

/**
 * Runs `collect` once in one frame's page world. From the background, for a site the teacher opted in to
 * automatic reading (its host permission was granted on their click).
 */
export async function runInFrame<T>(
  tabId: number,
  frameId: number,
  collect: () => T,
): Promise<T | undefined> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    world: "MAIN",
    func: collect,
  });
  return result?.result as T | undefined;
}

/** A content script registered at run time (scripting.registerContentScripts), kept across restarts. */
export interface RegisteredScript {
  id: string;
  matches: string[];
}

export async function registeredScripts(): Promise<RegisteredScript[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return scripts.map((s) => ({ id: s.id, matches: s.matches ?? [] }));
}

/** Register one of the extension's own script files for the given match patterns, top frame, once idle. */
export async function registerScript(id: string, matches: string[], file: string): Promise<void> {
  await browser.scripting.registerContentScripts([
    { id, matches, js: [file], runAt: "document_idle", allFrames: false, persistAcrossSessions: true },
  ]);
}

export async function unregisterScripts(ids: string[]): Promise<void> {
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
}

/** Host permissions the teacher granted (on a click) or took back (in the browser's own settings). */
export function onHostPermissionsChanged(
  listener: (change: { added?: string[]; removed?: string[] }) => void,
): void {
  browser.permissions.onAdded.addListener((p) => listener({ added: p.origins ?? [] }));
  browser.permissions.onRemoved.addListener((p) => listener({ removed: p.origins ?? [] }));
}
