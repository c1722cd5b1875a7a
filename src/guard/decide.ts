/**
 * The send decision, made synchronously inside the Send click. This file is bundled into the mail content
 * scripts, so it imports nothing heavy (no luxon, zod or Dexie): only the policy shape and plain arithmetic
 * over epoch milliseconds.
 */

/** When the teacher may send without a warning, precomputed in the background for the coming days. */
export interface SendPolicy {
  version: 1;
  computedAt: number;
  /** The windows cover [computedAt's local midnight, validUntil); after that the policy is stale. */
  validUntil: number;
  /** Allowed windows as [start, end) epoch ms, sorted and not overlapping. */
  windows: Array<[number, number]>;
  /** Lower-case addresses ("me@home.example") or domains ("home.example") never warned about. */
  exceptions: string[];
  /** What a day with no window is said to lack: "directed time" or "email hours". */
  windowName: string;
  /** What each window is called, parallel to `windows` ("email hours", "directed time"); older policies lack it. */
  windowNames?: string[];
  /** Where the rule comes from, in plain words with its force, e.g. "… (union advice)". */
  advice: string;
  /** Rule id from RULES.md. */
  rule: string;
  /** False when the teacher turned the guard off. */
  enabled: boolean;
  /** Set by the content script when the teacher chose "Don't ask again until tomorrow". */
  snoozedUntil?: number;
}

export type AllowReason = "in-hours" | "exception" | "snoozed" | "off" | "stale";

export type SendDecision =
  | { action: "allow"; reason: AllowReason }
  | {
      action: "warn";
      previousEnd: number | null;
      nextStart: number | null;
      /** What the window that ended, or the next one, is called, when the policy says. */
      previousName?: string;
      nextName?: string;
    };

export const POLICY_HORIZON_DAYS = 14;

export const UNION_EMAIL_ADVICE =
  "NEU and NASUWT advise sending work email only in directed time (union advice)";

/** Decide one send. Pure and synchronous: it runs inside the click before the site sees it. */
export function decideSend(policy: SendPolicy, now: number, recipients?: string[]): SendDecision {
  if (!policy.enabled) return { action: "allow", reason: "off" };
  if (now >= policy.validUntil) return { action: "allow", reason: "stale" };
  if (policy.snoozedUntil !== undefined && now < policy.snoozedUntil)
    return { action: "allow", reason: "snoozed" };

  let previous = -1;
  let next = -1;
  policy.windows.forEach(([start, end], i) => {
    if (now >= start && now < end) next = -2;
    else if (end <= now) previous = i;
    else if (next === -1) next = i;
  });
  if (next === -2) return { action: "allow", reason: "in-hours" };
  if (recipients && recipients.length > 0 && recipients.every((r) => isException(policy.exceptions, r))) {
    return { action: "allow", reason: "exception" };
  }
  const names = policy.windowNames;
  return {
    action: "warn",
    previousEnd: previous >= 0 ? policy.windows[previous]![1] : null,
    nextStart: next >= 0 ? policy.windows[next]![0] : null,
    ...(previous >= 0 && names?.[previous] ? { previousName: names[previous] } : {}),
    ...(next >= 0 && names?.[next] ? { nextName: names[next] } : {}),
  };
}

/** An address matches an exception that is the whole address or its domain (with or without "@"). */
export function isException(exceptions: readonly string[], address: string): boolean {
  const a = address.trim().toLowerCase();
  const domain = a.slice(a.lastIndexOf("@") + 1);
  return exceptions.some((e) => e === a || e === domain || e === "@" + domain);
}

/**
 * The policy for a new profile, used until the background answers: Monday to Friday 08:00–17:00 in the
 * browser's own time zone (Date's local calendar, which follows the browser's zone).
 */
export function defaultPolicy(now: number): SendPolicy {
  const windows: Array<[number, number]> = [];
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  for (let i = 0; i < POLICY_HORIZON_DAYS; i++) {
    const weekday = day.getDay();
    if (weekday >= 1 && weekday <= 5) {
      const start = new Date(day);
      start.setHours(8, 0, 0, 0);
      const end = new Date(day);
      end.setHours(17, 0, 0, 0);
      windows.push([start.getTime(), end.getTime()]);
    }
    day.setDate(day.getDate() + 1);
  }
  return {
    version: 1,
    computedAt: now,
    validUntil: day.getTime(),
    windows,
    exceptions: [],
    windowName: "email hours",
    advice: UNION_EMAIL_ADVICE,
    rule: "eng.email.directed",
    enabled: true,
  };
}

/** A light shape check for a policy that arrived by message (the content script carries no zod). */
export function isSendPolicy(value: unknown): value is SendPolicy {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Partial<SendPolicy>;
  return (
    p.version === 1 &&
    typeof p.computedAt === "number" &&
    typeof p.validUntil === "number" &&
    typeof p.enabled === "boolean"
  );
}

/** The start of the next local day, for "Don't ask again until tomorrow". */
export function startOfTomorrow(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/** Where the background keeps the current policy in extension storage.local for content scripts. */
export const POLICY_STORAGE_KEY = "guard.policy";
