/**
 * A calendar's own name (X-WR-CALNAME, which Google, Outlook and the school MIS exports all write), read
 * from the calendar's header without parsing its events.
 */
export function calendarName(ics: string): string | undefined {
  // The name sits before the first component; reading past it would only cost time.
  const header = ics.slice(0, Math.max(0, ics.search(/\r?\nBEGIN:(?!VCALENDAR)/i)) || 64 * 1024);
  const unfolded = header.replace(/\r?\n[ \t]/g, "");
  const match = /^X-WR-CALNAME(?:;[^:\r\n]*)?:(.*)$/im.exec(unfolded);
  if (!match) return undefined;
  const name = match[1]!
    .replace(/\\([,;\\])/g, "$1")
    .replace(/\\[nN]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return name || undefined;
}
