/**
 * Mail sites whose tabs receive send-policy pushes. The content scripts' own `config.matches` must name
 * the same hosts (Plasmo reads those literals at build time); the manifest test checks they agree.
 */
export const MAIL_TAB_PATTERNS = [
  "https://mail.google.com/*",
  "https://outlook.office.com/*",
  "https://outlook.office365.com/*",
  "https://outlook.live.com/*",
];
