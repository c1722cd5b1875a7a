/**
 * The mail content script's wiring: hold the latest SendPolicy (asked for at start, replaced whenever the
 * background pushes a new one), keep the "Don't ask again until tomorrow" snooze, record outcomes, and
 * install the hook. Until the background answers, the new-profile default applies.
 */
import { getLocal, onMessage, sendMessage, setLocal } from "../platform/content-runtime";
import type { SendOutcome } from "../model/records";
import { POLICY_STORAGE_KEY, defaultPolicy, isSendPolicy, type SendPolicy } from "./decide";
import { showNote } from "./dialog";
import { installGuard } from "./hook";
import type { SiteAdapter } from "./sites";

const SNOOZE_KEY = "guard.snoozedUntil";
/** A tab left open refreshes a policy older than this when it comes back into view. */
const REFRESH_AFTER_MS = 60 * 60_000;

export function startGuard(adapter: SiteAdapter, win: Window = window): () => void {
  let held: SendPolicy | null = null;
  let snoozedUntil = 0;

  const accept = (policy: unknown) => {
    if (isSendPolicy(policy)) held = policy;
  };
  const fetchPolicy = () =>
    sendMessage<{ ok: boolean; policy?: unknown }>({ type: "guard/get-policy" })
      .then((reply) => reply?.ok && accept(reply.policy))
      .catch(() => undefined);
  const fetchSnooze = () =>
    getLocal(SNOOZE_KEY)
      .then((v) => {
        if (typeof v === "number") snoozedUntil = v;
      })
      .catch(() => undefined);

  const stopListening = onMessage((message) => {
    const m = message as { type?: unknown; policy?: unknown } | null;
    if (m?.type === "guard/policy-changed") accept(m.policy);
  });
  const onVisible = () => {
    if (win.document.visibilityState !== "visible") return;
    void fetchSnooze();
    if (!held || Date.now() - held.computedAt > REFRESH_AFTER_MS) void fetchPolicy();
  };
  win.document.addEventListener("visibilitychange", onVisible);
  // The stored copy first: reading storage does not start the service worker while the page loads.
  // Only a missing or old copy asks the background.
  void getLocal(POLICY_STORAGE_KEY)
    .then((stored) => {
      accept(stored);
      if (!held || Date.now() >= held.validUntil) void fetchPolicy();
    })
    .catch(() => void fetchPolicy());
  void fetchSnooze();

  const uninstall = installGuard(win, {
    adapter,
    policy() {
      const now = Date.now();
      const base = held && now < held.validUntil ? held : defaultPolicy(now);
      return snoozedUntil > now ? { ...base, snoozedUntil } : base;
    },
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
    uninstall();
    stopListening();
    win.document.removeEventListener("visibilitychange", onVisible);
  };
}
