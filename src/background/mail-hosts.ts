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

/** The same hosts as origins ("https://mail.google.com"), as a page's messages name their sender. */
export const MAIL_ORIGINS: ReadonlySet<string> = new Set(MAIL_TAB_PATTERNS.map((p) => p.slice(0, -2)));
