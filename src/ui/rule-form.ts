import type { Force, Jurisdiction, ParamValue, Profile } from "../model";
import { PRESETS, presetById } from "../rules/catalogue";
import type { LocalAgreement } from "../rules/presets";
import type { RuleInfo } from "../rules/catalogue";

/** Pure helpers for the rules panel: where a value comes from, parsing inputs, editing overrides. */

export type Overrides = Profile["overrides"];
export type Origin = "default" | "agreement" | "yours";

export const ORIGIN_LABEL: Record<Origin, string> = {
  default: "default",
  agreement: "agreement",
  yours: "yours",
};

/** Rules shown in their own section because they are off unless the teacher opts in. */
export const DISCONNECT_RULES = ["ie.disconnect", "au.disconnect"] as const;

/** Statute first, union advice last: the order of strength. */
export const FORCE_ORDER: readonly Force[] = ["S", "C", "G", "U"];

/** The value a rule parameter would have without the teacher's own override. */
export function baseValue(
  rule: Pick<RuleInfo, "id" | "defaults">,
  key: string,
  agreement: LocalAgreement | undefined,
): ParamValue | undefined {
  return agreement?.overrides[rule.id]?.[key] ?? rule.defaults[key];
}

export function originOf(
  ruleId: string,
  key: string,
  overrides: Overrides,
  agreement: LocalAgreement | undefined,
): Origin {
  if (overrides[ruleId]?.[key] !== undefined) return "yours";
  if (agreement?.overrides[ruleId]?.[key] !== undefined) return "agreement";
  return "default";
}

/**
 * Set one override. A value equal to what the rule would have anyway is dropped, so "yours" always means the
 * teacher changed something.
 */
export function setOverride(
  overrides: Overrides,
  ruleId: string,
  key: string,
  value: ParamValue,
  base: ParamValue | undefined,
): Overrides {
  const rule = { ...overrides[ruleId] };
  if (value === base) delete rule[key];
  else rule[key] = value;
  const next = { ...overrides };
  if (Object.keys(rule).length === 0) delete next[ruleId];
  else next[ruleId] = rule;
  return next;
}

export function resetRule(overrides: Overrides, ruleId: string): Overrides {
  const next = { ...overrides };
  delete next[ruleId];
  return next;
}

/** Whether a rule is switched on, given its effective parameters. */
export const isEnabled = (params: RuleInfo["params"]): boolean => params.enabled !== false;

/** The local agreements that belong to this jurisdiction. */
export function presetsFor(jurisdiction: Jurisdiction): LocalAgreement[] {
  return PRESETS.filter((p) => p.jurisdiction === jurisdiction);
}

/** The saved agreement if it still fits the jurisdiction, else none. */
export function agreementFor(jurisdiction: Jurisdiction, id: string | undefined): LocalAgreement | undefined {
  const preset = presetById(id);
  return preset?.jurisdiction === jurisdiction ? preset : undefined;
}

export const MAX_NUMBER = 100_000;
export const MAX_TEXT = 200;

export type Parsed = { ok: true; value: ParamValue } | { ok: false; error: string };

/** Read a number or text input; the background validates again. */
export function parseParam(
  raw: string,
  kind: "number" | "string",
  label: string,
  max: number = MAX_NUMBER,
): Parsed {
  if (kind === "string") {
    return raw.length > MAX_TEXT
      ? { ok: false, error: `${label}: at most ${MAX_TEXT} characters.` }
      : { ok: true, value: raw };
  }
  const text = raw.trim();
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) return { ok: false, error: `${label}: enter a number.` };
  if (value < 0) return { ok: false, error: `${label}: enter 0 or more.` };
  if (value > max) return { ok: false, error: `${label}: enter ${max.toLocaleString("en-GB")} or less.` };
  return { ok: true, value };
}

/** Rules grouped by force in order of strength, leaving out the opt-in advisories shown on their own. */
export function groupByForce(rules: readonly RuleInfo[]): { force: Force; rules: RuleInfo[] }[] {
  const optIn = new Set<string>(DISCONNECT_RULES);
  return FORCE_ORDER.map((force) => ({
    force,
    rules: rules.filter((r) => r.force === force && !optIn.has(r.id)),
  })).filter((g) => g.rules.length > 0);
}
