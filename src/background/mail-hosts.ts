/**
 * Mail sites whose tabs receive send-policy pushes and the attached send guard. The content scripts' own
 * `config.matches` and the manifest's `host_permissions` (package.json) must name the same hosts (Plasmo
 * reads those literals at build time); the manifest test checks they agree.
 */
export const MAIL_TAB_PATTERNS = [
  "https://mail.google.com/*",
  "https://outlook.office.com/*",
  "https://outlook.office365.com/*",
  "https://outlook.live.com/*",
];
