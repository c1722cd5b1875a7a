/**
 * Every selector the send guard relies on, per site, with where it comes from (fixtures/SOURCES.md).
 * A site that changes its page makes these find nothing, and then the guard simply does not act: the
 * teacher's email is never blocked by a selector that went stale.
 */

export const MAIL_SITES = ["gmail", "outlook"] as const;
export type MailSite = (typeof MAIL_SITES)[number];

/** What the watcher in the page from document_start needs: where a Send is, and the compose around it. */
export interface SendSpot {
  site: MailSite;
  /** Send buttons (including Gmail's Send-and-archive). */
  send: string;
  /** The compose window (new message, reply or forward) around an element, or null. */
  composeOf(el: Element): Element | null;
  /** The Send button of a compose window. */
  sendIn(compose: Element): Element | null;
}

/** The rest, used by the guard once it is attached. */
export interface SiteAdapter extends SendSpot {
  /** Addresses in the compose's recipient fields, read only in memory to match the teacher's exceptions. */
  recipients(compose: Element): string[];
  /** Open the site's own schedule-send next to this Send button; true when its picker was opened. */
  openSchedule(send: Element): boolean;
}

const EMAIL = /[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+\.[^\s<>,;:"'()[\]]+/g;

export function emailsIn(compose: Element, selector: string): string[] {
  const found: string[] = [];
  for (const el of compose.querySelectorAll(selector)) {
    const text = [
      el.getAttribute("data-hovercard-id"),
      el.getAttribute("email"),
      (el as HTMLInputElement).value,
      el.textContent,
    ].join(" ");
    for (const m of text.matchAll(EMAIL)) found.push(m[0].toLowerCase());
  }
  return [...new Set(found)];
}

/** A full pointer click, as sites built on mousedown/mouseup button widgets expect. */
export function pressElement(el: Element): void {
  const view = el.ownerDocument.defaultView;
  for (const type of ["mousedown", "mouseup", "click"]) {
    el.dispatchEvent(
      new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, view, button: 0 }),
    );
  }
}

/**
 * What a site changes when it takes a send: the compose closes (removed or hidden), or the Send button
 * goes, hides, or turns disabled or busy. Compared before and after a script press of Send.
 */
export function sendState(send: Element, compose: Element): string {
  const shown = (el: Element) => el.isConnected && el.getClientRects().length > 0;
  return [
    compose.isConnected,
    shown(compose),
    send.isConnected,
    shown(send),
    send.getAttribute("aria-disabled"),
    send.hasAttribute("disabled"),
    send.getAttribute("aria-busy"),
  ].join();
}
