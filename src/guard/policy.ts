/**
 * The send policy, computed in the background: the windows in which a teacher may send work email without
 * a warning, for the next 14 days. The windows come from the email rule (src/rules/email.ts); the content
 * script only reads the policy (see ./decide).
 */
import type { Profile, WorkItem } from "../model";
import { emailWindows } from "../rules/email";
import { POLICY_HORIZON_DAYS, type SendPolicy } from "./decide";

export { SEND_GUARD_KEY } from "../rules/email";
export { decideSend, defaultPolicy, isException } from "./decide";
export type { AllowReason, SendDecision, SendPolicy } from "./decide";

export function computeSendPolicy(profile: Profile, items: readonly WorkItem[], now: number): SendPolicy {
  const email = emailWindows(profile, items, now, POLICY_HORIZON_DAYS);
  return {
    version: 1,
    computedAt: now,
    validUntil: email.until,
    windows: email.windows,
    exceptions: profile.emailExceptions.map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0),
    windowName: email.windowName,
    windowNames: email.names,
    advice: email.advice,
    rule: email.rule,
    enabled: email.enabled,
  };
}
