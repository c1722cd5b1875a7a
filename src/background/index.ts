/**
 * Wires the background service worker: message routing, alarms, badge, policy pushes.
 * No state in module globals (the worker is stopped when idle): everything lives in Dexie, and every
 * listener is registered synchronously when this module first runs.
 */
import { openDatabase, type WithinHoursDB } from "../store/db";
import { requestPersistence } from "../store/persist";
import {
  alarms,
  extensionId,
  executeScriptFile,
  extensionOrigin,
  hasHostPermission,
  removeHostPermission,
  onInstalled,
  openExtensionTab,
  WELCOME_PAGE,
  onMessage,
  onStartup,
  pushToTabs,
  getSessionValue,
  getLocalStorage,
  onHostPermissionsChanged,
  registeredScripts,
  registerScript,
  runInFrame,
  unregisterScripts,
  setBadge,
  setLocalStorage,
  setSessionValue,
  storageManager,
} from "../platform/extension";
import { MAIL_TAB_PATTERNS } from "./mail-hosts";
import gmailGuardUrl from "url:~attached/gmail-guard.ts";
import outlookGuardUrl from "url:~attached/outlook-guard.ts";
import gmailCoverUrl from "url:~attached/gmail-cover.ts";
import outlookCoverUrl from "url:~attached/outlook-cover.ts";
import pageAutoReadUrl from "url:~attached/page-auto-read.ts";
import { createAutoReadHandlers, type Outcomes } from "./auto-read";
import { collectPage } from "../ingest/pages/collect";
import { createHandlers, refreshAllFeeds } from "./handlers";
import { routeMessage } from "./router";
import { recomputeDerived, type Derived } from "./recount";
import { mirrorValues } from "./popup-mirror";
import { admitSendRecord, type SendLogQuota } from "./send-log-quota";
import { SEND_LOG_LIMITS } from "../model/records";

const FEEDS_ALARM = "refresh-feeds";
const POLICY_ALARM = "refresh-policy";

// A connection handle, not state: Dexie reopens it if the worker restarts.
let connection: WithinHoursDB | undefined;
const db = () => (connection ??= openDatabase());

async function afterChange(derived: Derived): Promise<void> {
  // Mail tabs read the policy from storage when they load (no worker start on every page load) and get
  // pushed a new one when it changes.
  // The popup paints from storage.local (a cheap read in a page that has just opened), then goes live on
  // Dexie.
  await setLocalStorage(mirrorValues(derived.policy, derived.popupRows, Date.now()));
  await pushToTabs(MAIL_TAB_PATTERNS, { type: "guard/policy-changed", policy: derived.policy });
  const count = derived.breachesThisWeek;
  await setBadge(count > 0 ? String(count) : "", "#b3261e");
}

// The send guards are bundled apart from the content scripts (Plasmo's url: import) and attached after the
// mail page has loaded; see src/guard/send-watcher.ts. executeScript takes paths relative to the extension's root.
const GUARD_FILES = {
  gmail: new URL(gmailGuardUrl).pathname.slice(1),
  outlook: new URL(outlookGuardUrl).pathname.slice(1),
} as const;
// The cover banner is attached after the guard, from its own file: a failure there never touches the guard.
const COVER_FILES = {
  gmail: new URL(gmailCoverUrl).pathname.slice(1),
  outlook: new URL(outlookCoverUrl).pathname.slice(1),
} as const;

const SEND_LOG_QUOTA_KEY = "sendLog.quota";
// One count update at a time (a read and a write of session storage), so concurrent rows are all counted.
let quotaQueue: Promise<unknown> = Promise.resolve();
const admitSendRow = (tabId: number | undefined) => {
  const next = quotaQueue.then(async () => {
    const stored = (await getSessionValue(SEND_LOG_QUOTA_KEY)) as SendLogQuota | undefined;
    const tab = tabId === undefined ? "extension" : String(tabId);
    const { admitted, quota } = admitSendRecord(
      stored ?? {},
      tab,
      Date.now(),
      SEND_LOG_LIMITS.perTabPerMinute,
    );
    await setSessionValue(SEND_LOG_QUOTA_KEY, quota);
    return admitted;
  });
  // Should session storage fail, the row is logged: the quota is a bound, not a gate on recording.
  quotaQueue = next.catch(() => true);
  return quotaQueue as Promise<boolean>;
};

const AUTO_READ_OUTCOMES_KEY = "autoRead.outcomes";
const AUTO_READ_PENDING_KEY = "autoRead.pending";
const PAGE_AUTO_READ_FILE = new URL(pageAutoReadUrl).pathname.slice(1);

const autoRead = createAutoReadHandlers({
  db,
  now: Date.now,
  refresh: (fresh) => recomputeDerived(db(), Date.now(), fresh).then(afterChange),
  hasHostPermission,
  removeHostPermission,
  scripts: {
    list: registeredScripts,
    register: (id, matches) => registerScript(id, matches, PAGE_AUTO_READ_FILE),
    unregister: unregisterScripts,
  },
  collect: (tabId, frameId) => runInFrame(tabId, frameId, collectPage),
  outcomes: {
    get: async () => (await getLocalStorage<Record<string, Outcomes>>(AUTO_READ_OUTCOMES_KEY)) ?? {},
    set: (all) => setLocalStorage({ [AUTO_READ_OUTCOMES_KEY]: all }),
  },
  pending: {
    get: async () =>
      ((await getSessionValue(AUTO_READ_PENDING_KEY)) as Record<string, number> | undefined) ?? {},
    set: (all) => setSessionValue(AUTO_READ_PENDING_KEY, all),
  },
});

const handlers = createHandlers({
  autoRead,
  db,
  now: Date.now,
  afterChange,
  hasHostPermission,
  removeHostPermission,
  attachGuard: async (tabId, frameId, site) => {
    await executeScriptFile(tabId, frameId, GUARD_FILES[site]);
    void executeScriptFile(tabId, frameId, COVER_FILES[site]).catch(() => undefined);
  },
  admitSendRecord: admitSendRow,
});

async function ensureAlarms(): Promise<void> {
  if (!(await alarms.get(FEEDS_ALARM)))
    await alarms.create(FEEDS_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
  // The send policy covers 14 days ahead; roll it forward a few times a day.
  if (!(await alarms.get(POLICY_ALARM))) await alarms.create(POLICY_ALARM, { periodInMinutes: 180 });
}

export function startBackground(): void {
  onMessage((message, sender) =>
    routeMessage(
      message,
      sender,
      { extensionId: extensionId(), extensionOrigin: extensionOrigin() },
      handlers,
    ),
  );

  onHostPermissionsChanged((change) => void autoRead.onPermissionsChanged(change));

  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEEDS_ALARM) void refreshAllFeeds(handlers, db());
    if (alarm.name === POLICY_ALARM) void recomputeDerived(db(), Date.now()).then(afterChange);
  });

  onInstalled.addListener(({ reason }) => {
    // A new teacher starts on the welcome page; an update or a browser update opens nothing.
    if (reason === "install") void openExtensionTab(WELCOME_PAGE);
    void recomputeDerived(db(), Date.now()).then(afterChange);
  });
  onStartup.addListener(() => {
    void recomputeDerived(db(), Date.now()).then(afterChange);
  });

  void ensureAlarms();
  const storage = storageManager();
  if (storage) void requestPersistence(storage);
}
