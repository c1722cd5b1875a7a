/** Page-friendly scheduling for the mail content scripts, which must not slow the mail page's load. */

/**
 * Run once the page has loaded and its main thread is idle (within `timeoutMs` of load at the latest).
 * Returns the function that cancels it.
 */
export function whenIdleAfterLoad(win: Window, task: () => void, timeoutMs = 2000): () => void {
  let cancel = () => undefined as void;
  const schedule = () => {
    if (typeof win.requestIdleCallback === "function") {
      const handle = win.requestIdleCallback(task, { timeout: timeoutMs });
      cancel = () => win.cancelIdleCallback(handle);
    } else {
      const handle = win.setTimeout(task, 0);
      cancel = () => win.clearTimeout(handle);
    }
  };
  if (win.document.readyState === "complete") schedule();
  else {
    win.addEventListener("load", schedule, { once: true });
    cancel = () => win.removeEventListener("load", schedule);
  }
  return () => cancel();
}
