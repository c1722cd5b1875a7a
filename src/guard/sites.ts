/**
 * Every selector the send guard relies on, per site, with where it comes from (fixtures/SOURCES.md).
 * A site that changes its page makes these find nothing, and then the guard simply does not act: the
 * teacher's email is never blocked by a selector that went stale.
 */

export type MailSite = "gmail" | "outlook";

export interface SiteAdapter {
  site: MailSite;
  /** Send buttons (including Gmail's Send-and-archive). */
  send: string;
  /** The compose window (new message, reply or forward) around an element, or null. */
  composeOf(el: Element): Element | null;
  /** The Send button of a compose window. */
  sendIn(compose: Element): Element | null;
  /** Addresses in the compose's recipient fields, read only in memory to match the teacher's exceptions. */
  recipients(compose: Element): string[];
  /** Open the site's own schedule-send next to this Send button; true when its picker was opened. */
  openSchedule(send: Element): boolean;
}

const EMAIL = /[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+\.[^\s<>,;:"'()[\]]+/g;

function emailsIn(compose: Element, selector: string): string[] {
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
 * Gmail (InboxSDK dom-driver/gmail): compose windows `div.AD` or `[role=dialog]`, inline replies inside the
 * compose form `.M9`; Send `.IZ .Up div > div[role=button]` without the "More send options" arrow
 * (`aria-haspopup=true`); schedule send `[selector="scheduledSend"]`; recipients in the classic
 * `textarea[name=to|cc|bcc]` or new-style chips `[role=option][data-hovercard-id]`.
 */
export const gmail: SiteAdapter = {
  site: "gmail",
  send: ".IZ .Up div > div[role=button]:not([aria-haspopup=true])",
  composeOf: (el) => el.closest(".M9, div.AD, [role=dialog]"),
  sendIn: (compose) => compose.querySelector(gmail.send),
  recipients: (compose) =>
    emailsIn(
      compose,
      "textarea[name=to], textarea[name=cc], textarea[name=bcc], input[name=to], input[name=cc], input[name=bcc], [data-hovercard-id], [email]",
    ),
  openSchedule(send) {
    const arrow = send.closest(".Up")?.querySelector("div[role=button][aria-haspopup=true]");
    if (!arrow) return false;
    pressElement(arrow);
    const compose = gmail.composeOf(send);
    const item =
      compose?.querySelector('[selector="scheduledSend"]') ??
      send.ownerDocument.querySelector('[selector="scheduledSend"]');
    if (!item) return false;
    pressElement(item);
    return true;
  },
};

/**
 * Outlook on the web (CH3COOOH/OutlookSendingSafety): Send is the primary half of a Fluent UI split button,
 * `button[class*="fui-SplitButton__primaryActionButton"]`; its arrow is the split button's
 * `fui-SplitButton__menuButton`. The compose is the nearest ancestor holding both a Send button and an
 * editable body; if that ancestor also holds the app's landmarks (banner, navigation, main), the button
 * lies outside any compose (a ribbon split button) and is left alone. Recipient wells are read by their
 * English labels only.
 */
const APP_LANDMARKS = "[role=banner], [role=navigation], [role=main], [role=complementary]";

export const outlook: SiteAdapter = {
  site: "outlook",
  send: 'button[class*="fui-SplitButton__primaryActionButton"]',
  composeOf(el) {
    let node: Element | null = el;
    for (let depth = 0; node && depth < 20; depth++, node = node.parentElement) {
      if (node.querySelector(outlook.send) && node.querySelector('[contenteditable="true"]')) {
        return node.querySelector(APP_LANDMARKS) ? null : node;
      }
    }
    return null;
  },
  sendIn: (compose) => compose.querySelector(outlook.send),
  recipients: (compose) =>
    emailsIn(
      compose,
      '[role=textbox][aria-label^="To"], [role=textbox][aria-label^="Cc"], [role=textbox][aria-label^="Bcc"]',
    ),
  openSchedule(send) {
    const arrow = send.parentElement?.querySelector('button[class*="fui-SplitButton__menuButton"]');
    if (!arrow) return false;
    pressElement(arrow);
    const item = [...send.ownerDocument.querySelectorAll("[role=menuitem]")].find((m) =>
      m.textContent?.trim().startsWith("Schedule send"),
    );
    if (!item) return false;
    pressElement(item);
    return true;
  },
};
