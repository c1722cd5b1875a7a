/** Page-friendly scheduling for the mail content scripts, which must not slow the mail page's load. */

/** Run `task` when the main thread is idle (within `timeoutMs` at the latest). Returns the cancel. */
export function whenIdle(win: Window, task: () => void, timeoutMs: number): () => void {
  if (typeof win.requestIdleCallback === "function") {
    const handle = win.requestIdleCallback(task, { timeout: timeoutMs });
    return () => win.cancelIdleCallback(handle);
  }
  const handle = win.setTimeout(task, 0);
  return () => win.clearTimeout(handle);
}

/**
 * Run once the page has loaded and its main thread is idle (within `timeoutMs` of load at the latest).
 * Returns the function that cancels it.
 */
export function whenIdleAfterLoad(win: Window, task: () => void, timeoutMs = 2000): () => void {
  if (win.document.readyState === "complete") return whenIdle(win, task, timeoutMs);
  let cancel = () => win.removeEventListener("load", schedule);
  const schedule = () => void (cancel = whenIdle(win, task, timeoutMs));
  win.addEventListener("load", schedule, { once: true });
  return () => cancel();
}
