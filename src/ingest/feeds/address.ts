/**
 * A calendar feed's address as the teacher gives it: checked, normalised, and the host permission it needs.
 * No network; the options page uses it before asking for the permission, and the fetch at every hop.
 */
export class FeedError extends Error {
  override readonly name = "FeedError";
}

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
  checkFeedUrl(url);
  return url;
}

/** Refuses an address a feed must never be read from: not https, or a loopback, private or link-local host. */
export function checkFeedUrl(url: URL): void {
  if (url.protocol !== "https:") {
    throw new FeedError("Only secure (https or webcal) calendar links can be added.");
  }
  if (url.username || url.password) {
    throw new FeedError("A calendar link with a user name or password in it cannot be used.");
  }
  const local = localHostKind(url.hostname);
  if (local) {
    throw new FeedError(
      `Within Hours does not read calendars from ${url.hostname}: it is ${local}, not a calendar on the web.`,
    );
  }
}

export function feedOrigin(url: URL): string {
  return `${url.protocol}//${url.host}/*`;
}

/**
 * What kind of local address a host is ("this computer", "a private network address"…), or undefined for an
 * ordinary host. Literal addresses and reserved names only: a name is not looked up.
 */
export function localHostKind(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "this computer";
  if (host.endsWith(".local")) return "a local network name";
  if (host.startsWith("[") && host.endsWith("]")) return ipv6Kind(host.slice(1, -1));
  const v4 = ipv4(host);
  return v4 ? ipv4Kind(v4) : undefined;
}

/** The URL parser has already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal. */
function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function ipv4Kind([a, b]: number[]): string | undefined {
  if (a === 127) return "this computer";
  if (a === 0) return "an unspecified address";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168))
    return "a private network address";
  if (a === 100 && b! >= 64 && b! <= 127) return "a private network address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a! >= 224) return "a multicast or reserved address";
  return undefined;
}

function ipv6Kind(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return "an address that cannot be read";
  if (words.every((w) => w === 0)) return "an unspecified address";
  if (words.slice(0, 7).every((w) => w === 0) && words[7] === 1) return "this computer";
  // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address.
  if (words.slice(0, 5).every((w) => w === 0) && (words[5] === 0xffff || words[5] === 0)) {
    return ipv4Kind([words[6]! >> 8, words[6]! & 0xff]) ?? undefined;
  }
  const first = words[0]!;
  if ((first & 0xfe00) === 0xfc00) return "a private network address";
  if ((first & 0xffc0) === 0xfe80) return "a link-local address";
  if ((first & 0xff00) === 0xff00) return "a multicast or reserved address";
  return undefined;
}

/** Eight 16-bit words of an IPv6 address as the URL parser writes it (compressed hex, no IPv4 tail). */
function ipv6Words(address: string): number[] | undefined {
  const [head, tail, ...rest] = address.split("::");
  if (rest.length > 0) return undefined;
  const parse = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  const missing = 8 - front.length - back.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  const words = [...front, ...new Array<number>(missing).fill(0), ...back];
  return words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}
