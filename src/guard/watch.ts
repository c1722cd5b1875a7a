/**
 * The part of the send guard that is in the mail page from document_start: two capture-phase listeners
 * that spot a Send (a click on it, Enter or Space on it, Ctrl/Cmd+Enter in a compose) before the site sees
 * it, and ask the guard about it. The guard itself (policy, decision, dialog; about 10 KB) is attached
 * later by the background, into the extension's content-script world, once the page has loaded.
 *
 * In Chrome this watcher runs in the page's own world: creating a content-script world for a script at
 * document_start was most of what the extension still cost each mail page load (bench/guard-browser.ts).
 * The two worlds share the DOM and nothing else, so the watcher and the guard speak in DOM events, which
 * are dispatched synchronously: a Send is asked about and answered within the same click.
 * In Firefox (no messaging from the page's world) both run in the content-script world; nothing changes.
 *
 * A Send pressed before the guard is attached is held and the guard is asked for at once; should it not
 * arrive, the send goes through (fail open). Nothing here reads the page until a key or click calls.
 */
import { doorFromAnyWorld } from "../platform/content-runtime";
import { whenIdle } from "./idle";
import { pressElement, type MailSite, type SendSpot } from "./sites";

/** The guard's in-page element; its own clicks and keys are never taken for a Send. */
export const HOST_TAG = "within-hours-guard";
/** A send held before the guard arrived waits this long for it, then goes through. */
export const ATTACH_WAIT_MS = 3000;

/**
 * What the watcher and the attached guard say to each other, as DOM events (not bubbling; both listen
 * in the capture phase on the window):
 * - `send`, at a Send button, cancelable: may this send go on? The guard cancels it to hold the send.
 * - `release`, at a Send button: the guard lets this held send through; the watcher presses it.
 * - `attached`, at the window: the guard has arrived (again, if asked twice).
 * A page could dispatch these too; it could equally press its own Send, so they grant it nothing.
 */
export const GUARD_EVENTS = {
  send: "within-hours:send",
  release: "within-hours:release",
  attached: "within-hours:attached",
} as const;

/** The attached guard, as the guard's own script sees it. */
export interface AttachedGuard {
  /** Decide a send: `e` is the watcher's `send` question, which the guard cancels to hold the send. */
  handle(e: Event, send: Element, compose: Element): void;
  stop(): void;
}

/** Press a Send so that it goes through: the watcher lets its own press pass. */
export type ReleaseSend = (send: Element) => void;

export interface Watch {
  site: MailSite;
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

/**
 * The guard's side of the conversation: answer the watcher's questions with the guard `start` makes, and
 * tell the watcher the guard has arrived. Returns the guard; its stop() also stops answering.
 */
export function answerWatcher(
  win: Window,
  spot: SendSpot,
  start: (release: ReleaseSend) => AttachedGuard,
): AttachedGuard {
  // "Send now", and an allowed held send: the watcher presses the Send again and lets that press pass.
  const guard = start((send) => void send.dispatchEvent(new CustomEvent(GUARD_EVENTS.release)));
  const onQuestion = (e: Event) => {
    const send = elementOf(e.target);
    const compose = send?.matches(spot.send) ? spot.composeOf(send) : null;
    if (send && compose) guard.handle(e, send, compose);
  };
  win.addEventListener(GUARD_EVENTS.send, onQuestion, true);
  win.dispatchEvent(new CustomEvent(GUARD_EVENTS.attached));
  return {
    handle: guard.handle,
    stop() {
      win.removeEventListener(GUARD_EVENTS.send, onQuestion, true);
      guard.stop();
    },
  };
}

/** The watcher's workings, without listeners of its own (startWatch adds them). */
interface WatchCore {
  onClick(e: MouseEvent): void;
  onKeydown(e: KeyboardEvent): void;
  /** Ask for the guard now (once at a time). */
  ask(): void;
  /** The guard has announced itself. */
  onAttached(): void;
  stop(): void;
}

function createWatch(win: Window, spot: SendSpot, deps: WatchDeps): WatchCore {
  let attached = false;
  let held: Element | null = null;
  let asked: Promise<void> | null = null;
  // The Send being pressed to let it through (after "Send now", or here to fail open).
  let bypass: Element | null = null;

  const release: ReleaseSend = (send) => {
    bypass = send;
    try {
      pressElement(send);
    } finally {
      bypass = null;
    }
  };

  /** Ask the guard about a send; true when it may go on (also when no guard answers). */
  const mayGo = (send: Element) =>
    send.dispatchEvent(new CustomEvent(GUARD_EVENTS.send, { cancelable: true }));

  const onAttached = () => {
    attached = true;
    const h = held;
    held = null;
    // The held send goes to the guard as a question like any other; if it may go on, press it again.
    if (h && mayGo(h)) release(h);
  };
  const onRelease = (e: Event) => {
    const send = elementOf(e.target);
    if (send?.matches(spot.send)) release(send);
  };
  win.addEventListener(GUARD_EVENTS.release, onRelease, true);

  const giveUp = () => {
    const h = held;
    held = null;
    if (!h || attached) return;
    deps.failedOpen(Date.now());
    release(h);
  };

  const ask = () => {
    if (attached) return Promise.resolve();
    if (asked) return asked;
    const attempt = new Promise<void>((resolve) => {
      // An attached guard takes the held send when it announces itself; one still held when the attempt
      // ends means the guard did not come. Let that send go, and ask again at the next one (the worker
      // may have been restarting).
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        win.clearTimeout(timer);
        if (!attached && asked === attempt) asked = null;
        giveUp();
        resolve();
      };
      const timer = win.setTimeout(end, ATTACH_WAIT_MS);
      deps.requestAttach().then(end, end);
    });
    asked = attempt;
    return attempt;
  };

  const onSend = (e: Event, send: Element) => {
    if (send === bypass) return;
    if (attached) {
      if (!mayGo(send)) stopEvent(e);
      return;
    }
    // Not attached yet: hold this send (and any second press while waiting) and fetch the guard now.
    stopEvent(e);
    held ??= send;
    void ask();
  };

  const onClick = (e: MouseEvent) => {
    const target = elementOf(e.target);
    if (!target || target.localName === HOST_TAG) return;
    const send = target.closest(spot.send);
    if (send && spot.composeOf(send)) onSend(e, send);
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
    if (send) onSend(e, send);
  };

  return {
    onClick,
    onKeydown,
    ask: () => void ask(),
    onAttached,
    stop() {
      win.removeEventListener(GUARD_EVENTS.release, onRelease, true);
    },
  };
}

/** Ask the background, and record a send let through without the guard, over extension messaging. */
function messagingDeps(spot: SendSpot): WatchDeps {
  const send = doorFromAnyWorld();
  return {
    requestAttach: () => send({ type: "guard/attach", site: spot.site }),
    failedOpen(at) {
      send({ type: "guard/record-send", at, outcome: "guard-error", site: spot.site }).catch(() => undefined);
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
  // The guard's arrival (a custom event, never fired during the load) builds the watcher if need be.
  const onAttached = () => watcher().onAttached();
  win.addEventListener("click", onClick, true);
  win.addEventListener("keydown", onKeydown, true);
  win.addEventListener(GUARD_EVENTS.attached, onAttached, true);
  const top = win === win.top;
  if (top) win.addEventListener("pageshow", onShown, { once: true });

  return {
    site: spot.site,
    stop() {
      win.removeEventListener("click", onClick, true);
      win.removeEventListener("keydown", onKeydown, true);
      win.removeEventListener(GUARD_EVENTS.attached, onAttached, true);
      if (top) win.removeEventListener("pageshow", onShown);
      cancelIdle();
      core?.stop();
    },
  };
}
