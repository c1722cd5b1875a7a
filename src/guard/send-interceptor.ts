/**
 * The in-page send interceptor, part of the attached guard (content-script world): decides each send in
 * the same event. The watcher (./send-watcher) hands over each Send it spots in the capture phase, before
 * the site sees it; this decides synchronously from the held policy and stops the event only when the
 * teacher should be asked (./dialog). Any error lets the send through (fail open).
 *
 * The guard never holds a send because of itself: a dialog someone else removed counts as closed, and a
 * held send pressed again by script is checked afterwards; if the site ignored that press, the teacher is
 * told the email has not gone, and their next Send in that compose goes straight to the site.
 */
import type { SendOutcome } from "../model/records";
import { decideSend, defaultPolicy, startOfTomorrow, type AllowReason, type SendPolicy } from "./decide";
import { openDialog, openNotice, type GuardChoice, type GuardDialog } from "./dialog";
import { whenIdleAfterLoad } from "./idle";
import { sendState, type SiteAdapter } from "./sites";
import {
  NOT_SENT_TITLE,
  guardClock,
  notSentText,
  scheduleHelp,
  warningText,
  whenText,
  type GuardClock,
} from "./text";
import type { AttachedGuard } from "./send-watcher";

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

/** After a script press of Send, how often and how long to look for the site taking it. */
const REPLAY_CHECK_MS = 100;
const REPLAY_CHECKS = 30;

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
  // Composes whose replayed Send the site ignored: the teacher's next Send there goes straight to the site.
  const passOnce = new WeakSet<Element>();

  /** `e` is the event still in flight, or null when the watcher has already held this send. */
  const intercept = (e: Event | null, send: Element, compose: Element) => {
    // A dialog removed by someone else (another extension, the site re-rendering) counts as closed.
    if (dialog && !dialog.open) {
      dialog.close();
      dialog = null;
    }
    if (e && passOnce.has(compose)) {
      passOnce.delete(compose);
      return;
    }
    if (dialog || waiting) {
      // A second Send while the first is being decided: hold it, the first one already asks.
      if (e) stop(e);
      return;
    }
    let known: boolean;
    try {
      known = deps.policy() !== null;
    } catch {
      failOpen(e ? null : { send, compose });
      return;
    }
    if (known) {
      decide(send, compose, e);
      return;
    }
    // Sent before the stored policy was read (the page has only just loaded): hold it and decide when
    // it has been, a few milliseconds later. Settled or failed, the send is never lost.
    if (e) stop(e);
    waiting = true;
    (deps.ready?.() ?? Promise.resolve()).then(
      () => {
        waiting = false;
        decide(send, compose, null);
      },
      () => {
        waiting = false;
        failOpen({ send, compose });
      },
    );
  };

  /**
   * Press a held Send again (a script click) and check that the site took it: the compose closed or the
   * Send changed state. Then record `outcome`; if the site did nothing, the email has not gone, and the
   * teacher is told so, plainly.
   */
  const replay = (send: Element, compose: Element, outcome: SendOutcome | null) => {
    const before = sendState(send, compose);
    deps.release(send);
    let checks = 0;
    const check = () => {
      if (sendState(send, compose) !== before) {
        if (outcome) deps.record(outcome, deps.now());
      } else if (++checks <= REPLAY_CHECKS) {
        win.setTimeout(check, REPLAY_CHECK_MS);
      } else {
        notTaken(compose);
      }
    };
    check();
  };

  const notTaken = (compose: Element) => {
    deps.record("guard-error", deps.now());
    passOnce.add(compose);
    if (dialog?.open) return;
    dialog?.close();
    const returnFocus = doc.activeElement as HTMLElement | null;
    dialog = openNotice(doc, NOT_SENT_TITLE, notSentText(adapter.site), () => {
      dialog?.close();
      dialog = null;
      returnFocus?.focus?.();
    });
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
        if (stopped) {
          stopped = false;
          replay(send, compose, outcome);
        } else if (outcome) {
          deps.record(outcome, now);
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
          released = true;
          replay(send, compose, "sent-anyway");
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
            failOpen(choice === "send" && !released ? { send, compose } : null);
          }
        },
      });
      deps.record("warned", now);
    } catch {
      failOpen(stopped ? { send, compose } : null);
    }
  };

  /** Record the error; if the send was already held, close whatever is open and let it go through. */
  const failOpen = (held: { send: Element; compose: Element } | null) => {
    try {
      deps.record("guard-error", Date.now());
    } catch {
      // Recording is best effort; the send matters more.
    }
    dialog?.close();
    dialog = null;
    if (held) replay(held.send, held.compose, null);
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
