/**
 * A calendar feed's address as the teacher gives it: checked, normalised, and the host permission it needs.
 * No network; the options page uses it before asking for the permission.
 */
export class FeedError extends Error {}

/** webcal:// is https:// by another name; anything but https is refused (calendar data is private). */
export function normaliseFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim().replace(/^webcals?:\/\//i, "https://"));
  } catch {
    throw new FeedError(
      "That does not look like a web address. Copy the feed link from your calendar again.",
    );
  }
  if (url.protocol !== "https:") {
    throw new FeedError("Only secure (https or webcal) calendar links can be added.");
  }
  return url;
}

export function feedOrigin(url: URL): string {
  return `${url.protocol}//${url.host}/*`;
}
