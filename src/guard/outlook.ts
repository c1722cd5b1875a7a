import { emailsIn, pressElement, type SendSpot, type SiteAdapter } from "./sites";

/**
 * Outlook on the web (CH3COOOH/OutlookSendingSafety): Send is the primary half of a Fluent UI split button,
 * `button[class*="fui-SplitButton__primaryActionButton"]`; its arrow is the split button's
 * `fui-SplitButton__menuButton`. The compose is the nearest ancestor holding both a Send button and an
 * editable body; if that ancestor also holds the app's landmarks (banner, navigation, main), the button
 * lies outside any compose (a ribbon split button) and is left alone. Recipient wells are read by their
 * English labels only.
 */
const APP_LANDMARKS = "[role=banner], [role=navigation], [role=main], [role=complementary]";

export const outlookSpot: SendSpot = {
  site: "outlook",
  send: 'button[class*="fui-SplitButton__primaryActionButton"]',
  composeOf(el) {
    let node: Element | null = el;
    for (let depth = 0; node && depth < 20; depth++, node = node.parentElement) {
      if (node.querySelector(outlookSpot.send) && node.querySelector('[contenteditable="true"]')) {
        return node.querySelector(APP_LANDMARKS) ? null : node;
      }
    }
    return null;
  },
  sendIn: (compose) => compose.querySelector(outlookSpot.send),
};

export const outlook: SiteAdapter = {
  ...outlookSpot,
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
