/**
 * The words of the send dialog. Times are shown in the page's local time through Intl; tests pass a zone.
 */
import type { SendDecision, SendPolicy } from "./decide";
import type { MailSite } from "./sites";

type Warn = Extract<SendDecision, { action: "warn" }>;

export interface GuardClock {
  time: Intl.DateTimeFormat;
  weekday: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  dayMonth: Intl.DateTimeFormat;
}

export function guardClock(timeZone?: string): GuardClock {
  const base = { timeZone };
  return {
    time: new Intl.DateTimeFormat("en-GB", { ...base, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    weekday: new Intl.DateTimeFormat("en-GB", { ...base, weekday: "long" }),
    date: new Intl.DateTimeFormat("en-CA", { ...base, year: "numeric", month: "2-digit", day: "2-digit" }),
    dayMonth: new Intl.DateTimeFormat("en-GB", { ...base, day: "numeric", month: "long" }),
  };
}

/**
 * "It is 21:40 on Tuesday; your email hours ended at 15:30 — NEU and NASUWT advise … (union advice).", naming
 * the window the guard enforces: the email hours, or directed time only when directed time set the window.
 */
export function warningText(decision: Warn, policy: SendPolicy, now: number, clock: GuardClock): string {
  const today = clock.date.format(now);
  const { previousEnd, nextStart } = decision;
  let where: string;
  if (previousEnd !== null && clock.date.format(previousEnd) === today) {
    where = `your ${decision.previousName ?? policy.windowName} ended at ${clock.time.format(previousEnd)}`;
  } else if (nextStart !== null && clock.date.format(nextStart) === today) {
    const name = decision.nextName ?? policy.windowName;
    // "your email hours start", "your directed time starts".
    const verb = name.endsWith("hours") ? "start" : "starts";
    where = `your ${name} ${verb} at ${clock.time.format(nextStart)}`;
  } else {
    where = `today has no ${policy.windowName}`;
  }
  return `It is ${clock.time.format(now)} on ${clock.weekday.format(now)}; ${where} — ${policy.advice}.`;
}

/** "Wednesday 08:00", or "Monday 5 January 08:00" when it is a week or more away. */
export function whenText(at: number, now: number, clock: GuardClock): string {
  const day =
    at - now < 6 * 86_400_000
      ? clock.weekday.format(at)
      : `${clock.weekday.format(at)} ${clock.dayMonth.format(at)}`;
  return `${day} ${clock.time.format(at)}`;
}

export const TITLE = "Send this outside your hours?";
export const SNOOZE_LABEL = "Don't ask again until tomorrow";
export const SEND_NOW = "Send now";
export const KEEP_EDITING = "Keep editing";

export const NOT_SENT_TITLE = "Your email has not been sent";

/** After "Send now" (or a held send) that the site did not act on. */
export function notSentText(site: MailSite): string {
  const name = site === "gmail" ? "Gmail" : "Outlook";
  return `${name} did not take the send that Within Hours passed on, so your email is still waiting in its window. Press Send again: Within Hours will not ask about this email again.`;
}

/** The site's own schedule-send, in two clicks, for when the guard cannot open it itself. */
export function scheduleHelp(site: MailSite, when: string): string {
  const arrow = site === "gmail" ? "the arrow beside Send" : "the arrow on the Send button";
  return `To schedule it: click ${arrow}, choose "Schedule send", and pick ${when}.`;
}
