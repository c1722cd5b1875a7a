/**
 * Which mail sites the send guard can see: one host permission per site address (the manifest's
 * host_permissions, MAIL_TAB_PATTERNS). The teacher can take one away (one click in Firefox, "Site access" in
 * Chrome); then the guard cannot run there, and the pages say so in these words.
 */
import { MAIL_TAB_PATTERNS } from "../background/mail-hosts";

/** The host permissions the guard needs, one per mail site address, as the manifest grants them. */
export const MAIL_ACCESS_PATTERNS: readonly string[] = MAIL_TAB_PATTERNS;

/** The name a teacher knows each address by. */
const SITE_OF: Record<string, string> = {
  "https://mail.google.com/*": "Gmail",
  "https://outlook.office.com/*": "Outlook",
  "https://outlook.office365.com/*": "Outlook",
  "https://outlook.live.com/*": "Outlook.com",
};

export interface MissingMailAccess {
  site: string;
  /** The permissions to ask for again. */
  patterns: string[];
  /** The missing hosts, named when the site is only partly out of reach. */
  hosts: string[];
  /** Whether every address of the site is out of reach. */
  whole: boolean;
}

/** The mail sites with an address the guard may not see, given the host patterns granted now. */
export function missingMailAccess(granted: ReadonlySet<string>): MissingMailAccess[] {
  const bySite = new Map<string, { patterns: string[]; missing: string[] }>();
  for (const pattern of MAIL_TAB_PATTERNS) {
    const site = SITE_OF[pattern] ?? new URL(pattern.replace("/*", "/")).host;
    const entry = bySite.get(site) ?? { patterns: [], missing: [] };
    entry.patterns.push(pattern);
    if (!granted.has(pattern)) entry.missing.push(pattern);
    bySite.set(site, entry);
  }
  return [...bySite]
    .filter(([, e]) => e.missing.length > 0)
    .map(([site, e]) => ({
      site,
      patterns: e.missing,
      hosts: e.missing.map((p) => new URL(p.replace("/*", "/")).host),
      whole: e.missing.length === e.patterns.length,
    }));
}

/** "The email guard cannot see Gmail: permission not granted." */
export function missingAccessText(missing: MissingMailAccess): string {
  const where = missing.whole ? missing.site : `${missing.site} at ${missing.hosts.join(" and ")}`;
  return `The email guard cannot see ${where}: permission not granted.`;
}
