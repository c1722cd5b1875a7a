/**
 * The send watcher: what the mail content scripts (contents/) run from document_start, in the
 * content-script world of each mail frame. The part of the send guard in the page from the start: two
 * capture-phase listeners
 * that spot a Send (a click on it, Enter or Space on it, Ctrl/Cmd+Enter in a compose) before the site sees
 * it, and hand it to the guard. The guard itself (./attached-guard) is attached
 * later by the background into this same content-script world (scripting.executeScript), once the page
 * has loaded, and finds this watcher on that world's global, which the page cannot see or reach.
 *
 * A Send pressed before the guard is attached is held and the guard is asked for at once; should it not
 * arrive, the send goes through (fail open). Nothing here reads the page until a key or click calls.
 */
import { sendMessage } from "../platform/content-runtime";
import { whenIdle } from "./idle";
import { pressElement, type MailSite, type SendSpot } from "./sites";

/** The guard's in-page element; its own clicks and keys are never taken for a Send. */
export const HOST_TAG = "within-hours-guard";
/** Where the watcher waits for the guard, on the content-script world's global (the page cannot see it). */
export const WATCH_KEY = "withinHoursWatch";
/** A send held before the guard arrived waits this long for it, then goes through. */
export const ATTACH_WAIT_MS = 3000;

/** The attached guard, as the watcher sees it. */
export interface AttachedGuard {
  /** Decide a send: `e` is the event still in flight, or null when the watcher has already held it. */
  handle(e: Event | null, send: Element, compose: Element): void;
  stop(): void;
}

/** Press a Send so that it goes through: the watcher lets its own press pass. */
export type ReleaseSend = (send: Element) => void;

export interface Watch {
  site: MailSite;
  /** Called by the attached guard's script; starts the guard unless one is already attached. */
  attach(start: (release: ReleaseSend) => AttachedGuard): void;
  stop(): void;
}

export interface WatchDeps {
  /** Ask the background to attach the guard into this frame; settles when it has run (or failed). */
  requestAttach(): Promise<unknown>;
  /** A held send was let through because the guard could not be attached. */
  failedOpen(at: number): void;
}

const stopEvent = (e: Event) => {
  e.preventDefault();
  e.stopImmediatePropagation();
};

/** Event targets from any realm (the page's, the content script's, a test DOM's). */
function elementOf(target: EventTarget | null): Element | null {
  return target && (target as Node).nodeType === 1 ? (target as Element) : null;
}

/** The watcher's workings, without listeners of its own (startWatch adds them). */
interface WatchCore {
  onClick(e: MouseEvent): void;
  onKeydown(e: KeyboardEvent): void;
  /** Ask for the guard now (once at a time). */
  ask(): void;
  attach: Watch["attach"];
  stop(): void;
}

function createWatch(win: Window, spot: SendSpot, deps: WatchDeps): WatchCore {
  let guard: AttachedGuard | null = null;
  let held: { send: Element; compose: Element } | null = null;
  let asked: Promise<void> | null = null;
  // The Send being pressed to let it through (by the guard after "Send now", or here to fail open).
  let bypass: Element | null = null;

  const release: ReleaseSend = (send) => {
    bypass = send;
    try {
      pressElement(send);
    } finally {
      bypass = null;
    }
  };

  const giveUp = () => {
    const h = held;
    held = null;
    if (!h || guard) return;
    deps.failedOpen(Date.now());
    release(h.send);
  };

  const ask = () => {
    if (guard) return Promise.resolve();
    if (asked) return asked;
    const attempt = new Promise<void>((resolve) => {
      // An attached guard takes the held send in attach(); one still held when the attempt ends means the
      // guard did not come. Let that send go, and ask again at the next one (the worker may have been
      // restarting).
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        win.clearTimeout(timer);
        if (!guard && asked === attempt) asked = null;
        giveUp();
        resolve();
      };
      const timer = win.setTimeout(end, ATTACH_WAIT_MS);
      deps.requestAttach().then(end, end);
    });
    asked = attempt;
    return attempt;
  };

  const onSend = (e: Event, send: Element, compose: Element) => {
    if (send === bypass) return;
    if (guard) {
      guard.handle(e, send, compose);
      return;
    }
    // Not attached yet: hold this send (and any second press while waiting) and fetch the guard now.
    stopEvent(e);
    held ??= { send, compose };
    void ask();
  };

  const onClick = (e: MouseEvent) => {
    const target = elementOf(e.target);
    if (!target || target.localName === HOST_TAG) return;
    const send = target.closest(spot.send);
    const compose = send && spot.composeOf(send);
    if (send && compose) onSend(e, send, compose);
  };

  const onKeydown = (e: KeyboardEvent) => {
    // The hot path: ordinary typing returns here.
    if (e.key !== "Enter" && e.key !== " ") return;
    const target = elementOf(e.target);
    if (!target || target.localName === HOST_TAG) return;
    const modified = e.ctrlKey || e.metaKey;
    // Enter or Space on a focused Send button is a send too; plain Enter elsewhere is a new line.
    if (!modified && !target.matches(spot.send)) return;
    if (modified && e.key !== "Enter") return;
    const compose = spot.composeOf(target);
    const send = compose && (modified ? spot.sendIn(compose) : target);
    if (compose && send) onSend(e, send, compose);
  };

  return {
    onClick,
    onKeydown,
    ask: () => void ask(),
    attach(start) {
      if (guard) return;
      const next = start(release);
      guard = next;
      const h = held;
      held = null;
      if (h) next.handle(null, h.send, h.compose);
    },
    stop() {
      guard?.stop();
      guard = null;
    },
  };
}

/** Ask the background, and record a send let through without the guard, over extension messaging. */
function messagingDeps(spot: SendSpot): WatchDeps {
  return {
    requestAttach: () => sendMessage({ type: "guard/attach", site: spot.site }),
    failedOpen(at) {
      sendMessage({ type: "guard/record-send", at, outcome: "guard-error", site: spot.site }).catch(
        () => undefined,
      );
    },
  };
}

/**
 * The content script's one call, at document_start. The guard is asked for when the page has loaded and
 * is idle (top frame only: most of Outlook's subframes never hold a compose), or at the frame's first
 * click or key, whichever comes first. Nothing here reads the document before then: even that costs.
 */
export function startWatch(
  spot: SendSpot,
  win: Window = window,
  deps: WatchDeps = messagingDeps(spot),
): Watch {
  // document_start pays for compiling and running every line here, so this adds listeners and no more:
  // the watcher itself is built on first use.
  let core: WatchCore | undefined;
  const watcher = () => (core ??= createWatch(win, spot, deps));
  // The first click or key in the frame asks for the guard, if the load has not already.
  let touched = false;
  const ask = () => {
    touched = true;
    watcher().ask();
  };
  const onClick = (e: MouseEvent) => {
    watcher().onClick(e);
    if (!touched) ask();
  };
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") watcher().onKeydown(e);
    if (!touched) ask();
  };
  // pageshow, not load: it comes just after the load event has finished. A listener of ours on load
  // itself made the measured page load 2–4 ms longer (the first event this script's world sees builds
  // its Event wrappers), against about 1 ms for pageshow (bench/guard-browser.ts, 100 pairs each).
  let cancelIdle = () => undefined as void;
  const onShown = () => void (cancelIdle = whenIdle(win, ask, 1000));
  win.addEventListener("click", onClick, true);
  win.addEventListener("keydown", onKeydown, true);
  const top = win === win.top;
  if (top) win.addEventListener("pageshow", onShown, { once: true });

  const watch: Watch = {
    site: spot.site,
    attach: (start) => watcher().attach(start),
    stop() {
      win.removeEventListener("click", onClick, true);
      win.removeEventListener("keydown", onKeydown, true);
      if (top) win.removeEventListener("pageshow", onShown);
      cancelIdle();
      core?.stop();
    },
  };
  (globalThis as { [WATCH_KEY]?: Watch })[WATCH_KEY] = watch;
  return watch;
}
