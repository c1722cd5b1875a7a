/**
 * Decide a send in the same event: the watcher (./watch) hands over each Send it spots in the capture
 * phase, before the site sees it; the guard decides synchronously from the held policy and stops the event
 * only when the teacher should be asked. Any error lets the send through (fail open).
 */
import type { SendOutcome } from "../model/records";
import { decideSend, defaultPolicy, startOfTomorrow, type AllowReason, type SendPolicy } from "./decide";
import { openDialog, type GuardChoice, type GuardDialog } from "./dialog";
import { whenIdleAfterLoad } from "./idle";
import type { SiteAdapter } from "./sites";
import { guardClock, scheduleHelp, warningText, whenText, type GuardClock } from "./text";
import type { AttachedGuard } from "./watch";

export interface GuardDeps {
  adapter: SiteAdapter;
  /** The policy to decide with, already carrying any snooze; null while the stored one is being read. */
  policy(): SendPolicy | null;
  /** Settles once policy() has an answer; a send made before then is held until it does. */
  ready?(): Promise<void>;
  now(): number;
  /** Press the Send so that it goes through (the watcher lets this one press pass). */
  release(send: Element): void;
  record(outcome: SendOutcome, at: number): void;
  snooze(until: number): void;
  /** Shown when the site's schedule-send was opened for the teacher. */
  note?(text: string): void;
  clock?: GuardClock;
}

/** What each allowed send is recorded as; sends to the teacher's own exceptions are not work contact. */
const ALLOWED_OUTCOME: Record<AllowReason, SendOutcome | null> = {
  "in-hours": "in-hours",
  snoozed: "sent-anyway",
  exception: null,
  off: null,
  stale: null,
};

export function installGuard(win: Window, deps: GuardDeps): AttachedGuard {
  const { adapter } = deps;
  const doc = win.document;
  // Built when the page is idle (or on the first warning, if sooner): a fresh renderer's first Intl
  // formatters load locale and zone data, 20–25 ms here, which the mail page should not wait for.
  let clock = deps.clock;
  const clockNow = () => (clock ??= guardClock());
  let dialog: GuardDialog | null = null;

  const stop = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  let waiting = false;

  /** `e` is the watcher's question about this send, still in flight: cancelling it holds the send. */
  const intercept = (e: Event, send: Element, compose: Element) => {
    if (dialog || waiting) {
      // A second Send while the first is being decided: hold it, the first one already asks.
      stop(e);
      return;
    }
    let known: boolean;
    try {
      known = deps.policy() !== null;
    } catch {
      failOpen(null);
      return;
    }
    if (known) {
      decide(send, compose, e);
      return;
    }
    // Sent before the stored policy was read (the page has only just loaded): hold it and decide when
    // it has been, a few milliseconds later. Settled or failed, the send is never lost.
    stop(e);
    waiting = true;
    (deps.ready?.() ?? Promise.resolve()).then(
      () => {
        waiting = false;
        decide(send, compose, null);
      },
      () => {
        waiting = false;
        failOpen(send);
      },
    );
  };

  /** Decide one send; `e` is the event still in flight, or null when the send is already held. */
  const decide = (send: Element, compose: Element, e: Event | null) => {
    let stopped = e === null;
    try {
      const now = deps.now();
      const policy = deps.policy() ?? defaultPolicy(now);
      const recipients = policy.exceptions.length > 0 ? adapter.recipients(compose) : undefined;
      const decision = decideSend(policy, now, recipients);
      if (decision.action === "allow") {
        const outcome = ALLOWED_OUTCOME[decision.reason];
        if (outcome) deps.record(outcome, now);
        if (stopped) {
          stopped = false;
          deps.release(send);
        }
        return;
      }
      if (e) stop(e);
      stopped = true;
      const returnFocus = doc.activeElement as HTMLElement | null;
      const schedule = decision.nextStart === null ? null : whenText(decision.nextStart, now, clockNow());
      const finish = () => {
        dialog?.close();
        dialog = null;
        returnFocus?.focus?.();
      };
      let released = false;
      const onChoice = (choice: GuardChoice, snooze: boolean) => {
        const at = deps.now();
        if (snooze) deps.snooze(startOfTomorrow(at));
        if (choice === "send") {
          finish();
          deps.release(send);
          released = true;
          deps.record("sent-anyway", at);
        } else if (choice === "cancel") {
          deps.record("cancelled", at);
          finish();
        } else {
          deps.record("scheduled", at);
          const when = schedule ?? "";
          if (adapter.openSchedule(send)) {
            finish();
            deps.note?.(`Pick ${when} in the schedule-send that has just opened.`);
          } else {
            dialog?.explain(scheduleHelp(adapter.site, when), finish);
          }
        }
      };
      dialog = openDialog(doc, {
        message: warningText(decision, policy, now, clockNow()),
        scheduleLabel: schedule && `Schedule for ${schedule}`,
        onChoice: (choice, snooze) => {
          try {
            onChoice(choice, snooze);
          } catch {
            // Only "Send now" is a send; an error while cancelling or scheduling must not send the email.
            failOpen(choice === "send" && !released ? send : null);
          }
        },
      });
      deps.record("warned", now);
    } catch {
      failOpen(stopped ? send : null);
    }
  };

  /** Record the error; if the send was already held, close whatever is open and let it go through. */
  const failOpen = (heldSend: Element | null) => {
    try {
      deps.record("guard-error", Date.now());
    } catch {
      // Recording is best effort; the send matters more.
    }
    dialog?.close();
    dialog = null;
    if (heldSend) deps.release(heldSend);
  };

  const cancelWarm = whenIdleAfterLoad(win, () => void clockNow());
  return {
    handle: intercept,
    stop() {
      cancelWarm();
      dialog?.close();
      dialog = null;
    },
  };
}
