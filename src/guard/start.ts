/**
 * The mail content script's wiring: hold the latest SendPolicy (asked for at start, replaced whenever the
 * background pushes a new one), keep the "Don't ask again until tomorrow" snooze, record outcomes, and
 * install the hook. The hook goes in at document_start; everything that talks to the extension waits
 * until the page has loaded. Until the stored policy has been read a send is held, then decided.
 */
import { getLocal, onMessage, sendMessage, setLocal } from "../platform/content-runtime";
import type { SendOutcome } from "../model/records";
import { POLICY_STORAGE_KEY, defaultPolicy, isSendPolicy, type SendPolicy } from "./decide";
import { showNote } from "./dialog";
import { installGuard } from "./hook";
import { whenIdleAfterLoad } from "./idle";
import type { SiteAdapter } from "./sites";

const SNOOZE_KEY = "guard.snoozedUntil";
/** A tab left open refreshes a policy older than this when it comes back into view. */
const REFRESH_AFTER_MS = 60 * 60_000;
/** A send held while the stored policy is read waits at most this long before the default decides. */
const STORAGE_WAIT_MS = 1000;

export function startGuard(adapter: SiteAdapter, win: Window = window): () => void {
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
   * Every extension call waits until the page has loaded (each one costs the page's main thread a little
   * at document_start). The stored copy comes first: reading storage does not start the service worker.
   * Only a missing or old copy asks the background.
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

  const uninstall = installGuard(win, {
    adapter,
    policy() {
      if (!known) return null;
      const now = Date.now();
      const base = held && now < held.validUntil ? held : defaultPolicy(now);
      return snoozedUntil > now ? { ...base, snoozedUntil } : base;
    },
    ready: connect,
    now: () => Date.now(),
    record(outcome: SendOutcome, at: number) {
      sendMessage({ type: "guard/record-send", at, outcome, site: adapter.site }).catch(() => undefined);
    },
    snooze(until) {
      snoozedUntil = until;
      setLocal(SNOOZE_KEY, until).catch(() => undefined);
    },
    note: (text) => showNote(win.document, text),
  });

  return () => {
    cancelConnect();
    uninstall();
    stopListening();
    win.document.removeEventListener("visibilitychange", onVisible);
  };
}
