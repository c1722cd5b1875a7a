import { emailsIn, pressElement, type SendSpot, type SiteAdapter } from "./sites";

/**
 * Gmail (InboxSDK dom-driver/gmail): compose windows `div.AD` or `[role=dialog]`, inline replies inside the
 * compose form `.M9`; Send `.IZ .Up div > div[role=button]` without the "More send options" arrow
 * (`aria-haspopup=true`); schedule send `[selector="scheduledSend"]`; recipients in the classic
 * `textarea[name=to|cc|bcc]` or new-style chips `[role=option][data-hovercard-id]`.
 */
export const gmailSpot: SendSpot = {
  site: "gmail",
  send: ".IZ .Up div > div[role=button]:not([aria-haspopup=true])",
  composeOf: (el) => el.closest(".M9, div.AD, [role=dialog]"),
  sendIn: (compose) => compose.querySelector(gmailSpot.send),
};

export const gmail: SiteAdapter = {
  ...gmailSpot,
  recipients: (compose) =>
    emailsIn(
      compose,
      "textarea[name=to], textarea[name=cc], textarea[name=bcc], input[name=to], input[name=cc], input[name=bcc], [data-hovercard-id], [email]",
    ),
  openSchedule(send) {
    const arrow = send.closest(".Up")?.querySelector("div[role=button][aria-haspopup=true]");
    if (!arrow) return false;
    pressElement(arrow);
    const compose = gmailSpot.composeOf(send);
    const item =
      compose?.querySelector('[selector="scheduledSend"]') ??
      send.ownerDocument.querySelector('[selector="scheduledSend"]');
    if (!item) return false;
    pressElement(item);
    return true;
  },
};
