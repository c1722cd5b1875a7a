import type { ParamValue, Profile } from "../model";
import { SEND_GUARD_KEY } from "../rules/email";

/**
 * The settings page has one Save. Each section keeps its own draft (useDraft) and hands the Save bar what it
 * would change; this module puts those pieces together into one `profile/save`, in pure code.
 */

const CONTRACT_KEYS = [
  "jurisdiction",
  "schoolType",
  "role",
  "fte",
  "permanentUnits",
  "schoolDayStart",
  "schoolDayEnd",
  "timeZone",
  "academicYearStart",
  "weekStart",
  "cycleWeeks",
  "contractedDays",
  "unionOverlay",
] as const satisfies readonly (keyof Profile)[];
/** On a change of jurisdiction only these go: the rest takes the new pack's defaults. */
const CARRIED_KEYS = ["jurisdiction", "schoolType", "role", "fte", "contractedDays"] as const;

export type ContractPart = Pick<Profile, (typeof CONTRACT_KEYS)[number]>;
export type TermsPart = Pick<Profile, "terms" | "trainingDays" | "sessionEnd">;
/** The teacher's rule overrides (all of them: a reset removes a rule's entry) and the local agreement. */
export type RulesPart = { overrides: Profile["overrides"]; localAgreement: string };
/** The send guard's own settings (enabled, and start/end when set apart from the school day). */
export type GuardPart = { guard: Record<string, ParamValue>; emailExceptions: string[] };

export interface Parts {
  contract?: ContractPart;
  terms?: TermsPart;
  rules?: RulesPart;
  guard?: GuardPart;
}

export const PART_LABEL: Record<keyof Parts, string> = {
  contract: "Contract",
  terms: "Term dates",
  rules: "Rules",
  guard: "Email guard",
};

export interface Combined {
  profile: Partial<Profile>;
  /** Sections whose changes cannot be saved with this one, said in words. */
  dropped: string[];
}

/**
 * One save from the sections that changed. On a change of jurisdiction the contract sends only what the
 * teacher set so the rest takes the new pack's defaults, and rule changes (another regime's rules) are
 * left out; the email guard's hours and term dates carry over.
 */
export function combineParts(saved: Profile, parts: Parts): Combined {
  const { contract, terms, rules, guard } = parts;
  const jurisdictionChanged = contract !== undefined && contract.jurisdiction !== saved.jurisdiction;
  const profile: Partial<Profile> = {};
  const dropped: string[] = [];

  if (contract) {
    const keys = jurisdictionChanged ? CARRIED_KEYS : CONTRACT_KEYS;
    for (const key of keys) if (contract[key] !== undefined) Object.assign(profile, { [key]: contract[key] });
  }
  if (terms) {
    profile.terms = terms.terms;
    profile.trainingDays = terms.trainingDays;
    if (terms.sessionEnd) profile.sessionEnd = terms.sessionEnd;
  }

  const savedGuard = saved.overrides[SEND_GUARD_KEY];
  let overrides: Profile["overrides"];
  if (jurisdictionChanged) {
    if (rules) dropped.push("your rule changes (the rules of the new place of work apply now)");
    overrides = savedGuard ? { [SEND_GUARD_KEY]: savedGuard } : {};
  } else {
    overrides = rules ? rules.overrides : saved.overrides;
    if (rules) profile.localAgreement = rules.localAgreement;
  }
  if (guard) {
    overrides = withGuard(overrides, guard.guard);
    profile.emailExceptions = guard.emailExceptions;
  }
  if (jurisdictionChanged || rules || guard) profile.overrides = overrides;
  return { profile, dropped };
}

/** The send guard's settings in the overrides: none at all when nothing is set apart. */
function withGuard(overrides: Profile["overrides"], guard: Record<string, ParamValue>): Profile["overrides"] {
  const next = { ...overrides };
  if (Object.keys(guard).length === 0) delete next[SEND_GUARD_KEY];
  else next[SEND_GUARD_KEY] = guard;
  return next;
}
