/**
 * The attached guard: what the background runs (attached/, scripting.executeScript) into a mail frame's
 * content-script world once the page has loaded. It holds the latest SendPolicy (read from storage,
 * replaced whenever the background pushes a new one), keeps the "Don't ask again until tomorrow" snooze,
 * records outcomes, and hands the watcher (./send-watcher, in the page since document_start) the
 * interceptor (./send-interceptor) that decides each send. Until the stored policy has been read a send
 * is held, then decided.
 */
import { getLocal, onMessage, sendMessage, setLocal } from "../platform/content-runtime";
import type { SendOutcome } from "../model/records";
import { POLICY_STORAGE_KEY, defaultPolicy, isSendPolicy, type SendPolicy } from "./decide";
import { showNote } from "./dialog";
import { installGuard } from "./send-interceptor";
import { WATCH_KEY, type AttachedGuard, type ReleaseSend, type Watch } from "./send-watcher";
import { whenIdleAfterLoad } from "./idle";
import type { SiteAdapter } from "./sites";

const SNOOZE_KEY = "guard.snoozedUntil";
/** A tab left open refreshes a policy older than this when it comes back into view. */
const REFRESH_AFTER_MS = 60 * 60_000;
/** A send held while the stored policy is read waits at most this long before the default decides. */
const STORAGE_WAIT_MS = 1000;

export function startGuard(adapter: SiteAdapter, release: ReleaseSend, win: Window = window): AttachedGuard {
  let held: SendPolicy | null = null;
  let snoozedUntil = 0;
  // Whether the stored policy (or its absence) has been read; sends before then are held, not guessed.
  let known = false;
  let connecting: Promise<void> | null = null;
  let stopListening = () => undefined as void;

  // The newest policy wins: a push can arrive before the stored copy has been read.
  const accept = (policy: unknown) => {
    if (isSendPolicy(policy) && (!held || policy.computedAt >= held.computedAt)) held = policy;
  };
  const fetchPolicy = () =>
    sendMessage<{ ok: boolean; policy?: unknown }>({ type: "guard/get-policy" })
      .then((reply) => reply?.ok && accept(reply.policy))
      .catch(() => undefined);
  const readStored = () =>
    getLocal([POLICY_STORAGE_KEY, SNOOZE_KEY]).then((stored) => {
      accept(stored[POLICY_STORAGE_KEY]);
      const snooze = stored[SNOOZE_KEY];
      if (typeof snooze === "number") snoozedUntil = snooze;
    });

  const onVisible = () => {
    if (win.document.visibilityState !== "visible" || !known) return;
    void readStored().catch(() => undefined);
    if (!held || Date.now() - held.computedAt > REFRESH_AFTER_MS) void fetchPolicy();
  };

  /**
   * Every extension call waits until the page has loaded and is idle. The stored copy comes first:
   * reading storage does not start the service worker. Only a missing or old copy asks the background.
   */
  const connect = () =>
    (connecting ??= new Promise<void>((resolve) => {
      const settle = () => {
        known = true;
        resolve();
      };
      // Storage answers in milliseconds; should it not, decide with the default rather than hold a send.
      const timer = win.setTimeout(settle, STORAGE_WAIT_MS);
      stopListening = onMessage((message) => {
        const m = message as { type?: unknown; policy?: unknown } | null;
        if (m?.type === "guard/policy-changed") accept(m.policy);
      });
      win.document.addEventListener("visibilitychange", onVisible);
      readStored()
        .then(() => {
          if (!held || Date.now() >= held.validUntil) void fetchPolicy();
        })
        .catch(() => void fetchPolicy())
        .finally(() => {
          win.clearTimeout(timer);
          settle();
        });
    }));
  const cancelConnect = whenIdleAfterLoad(win, () => void connect(), 1000);

  const guard = installGuard(win, {
    adapter,
    policy() {
      if (!known) return null;
      const now = Date.now();
      const base = held && now < held.validUntil ? held : defaultPolicy(now);
      return snoozedUntil > now ? { ...base, snoozedUntil } : base;
    },
    ready: connect,
    now: () => Date.now(),
    release,
    record(outcome: SendOutcome, at: number) {
      sendMessage({ type: "guard/record-send", at, outcome, site: adapter.site }).catch(() => undefined);
    },
    snooze(until) {
      snoozedUntil = until;
      setLocal(SNOOZE_KEY, until).catch(() => undefined);
    },
    note: (text) => showNote(win.document, text),
  });

  return {
    handle: guard.handle,
    stop() {
      cancelConnect();
      guard.stop();
      stopListening();
      win.document.removeEventListener("visibilitychange", onVisible);
    },
  };
}

/**
 * The attached script's one call: start the guard and give it to the watcher waiting in this frame, in
 * this same content-script world. However often the script is run, the watcher takes one guard.
 */
export function attachGuard(adapter: SiteAdapter, win: Window = window): void {
  const watch = (globalThis as { [WATCH_KEY]?: Watch })[WATCH_KEY];
  // No watcher for this site in this frame (the content script did not run here): nothing to guard.
  if (watch?.site === adapter.site) watch.attach((release) => startGuard(adapter, release, win));
}
