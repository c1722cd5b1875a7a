import {
  FORCE_LABEL,
  type Force,
  type Jurisdiction,
  type ParamValue,
  type Profile,
  type Role,
} from "../model";
import { calendarFor, type YearCalendar } from "../time";
import { auDisconnectGroup, ieDisconnectGroup } from "./overlays/disconnect";
import { ukWtr } from "./overlays/uk-wtr";
import { union } from "./overlays/union";
import { england } from "./packs/england";
import { northernIreland } from "./packs/northern-ireland";
import { nzPrimary } from "./packs/nz-primary";
import { nzSecondary } from "./packs/nz-secondary";
import { scotland } from "./packs/scotland";
import { supportStaff } from "./packs/support-staff";
import { wales } from "./packs/wales";
import { defaultsOf, resolveParams, type ParamProblem, type ParamSpecs, type Values } from "./params";
import type { LocalAgreement } from "./presets";
import type { OverlayId, Pack, Params, ParamsOf, RuleDef, RuleGroup } from "./types";

/** One pack per jurisdiction. Code outside the packs iterates these and never names a jurisdiction. */
export const PACKS = Object.fromEntries(
  [england, wales, northernIreland, scotland, nzSecondary, nzPrimary, supportStaff].map((pack) => [
    pack.id,
    pack,
  ]),
) as Readonly<Record<Jurisdiction, Pack>>;

/** Every pack's local agreements. */
export const PRESETS: readonly LocalAgreement[] = Object.values(PACKS).flatMap(
  (pack) => pack.agreements ?? [],
);

export function presetById(id: string | undefined): LocalAgreement | undefined {
  return id ? PRESETS.find((p) => p.id === id) : undefined;
}

/** The pack a profile that names none starts with. */
export const DEFAULT_PACK: Pack = england;

export const OVERLAYS: Readonly<Record<OverlayId, RuleGroup>> = {
  "uk-wtr": ukWtr,
  union,
  "ie-disconnect": ieDisconnectGroup,
  "au-disconnect": auDisconnectGroup,
};

export function packFor(profile: Pick<Profile, "jurisdiction">): Pack {
  return PACKS[profile.jurisdiction];
}

/** Every rule in docs/RULES.md, once, as data plus one pure check. */
export const RULES: readonly RuleDef[] = (() => {
  const byId = new Map<string, RuleDef>();
  for (const pack of Object.values(PACKS)) for (const r of pack.rules) if (!byId.has(r.id)) byId.set(r.id, r);
  for (const g of Object.values(OVERLAYS)) for (const r of g.rules) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()];
})();

export const RULE_BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

/** The academic year laid out for this profile, with its pack's approximate terms when none are given. */
export function calendarOf(profile: Profile): YearCalendar {
  return calendarFor(profile, packFor(profile).approximateTerms);
}

/** The rules a profile's pack offers: its own, then those of the overlays it admits. */
export function rulesOffered(profile: Pick<Profile, "jurisdiction">): { rule: RuleDef; group?: RuleGroup }[] {
  const pack = packFor(profile);
  const out: { rule: RuleDef; group?: RuleGroup }[] = pack.rules.map((rule) => ({ rule }));
  for (const id of pack.overlays)
    for (const rule of OVERLAYS[id].rules) out.push({ rule, group: OVERLAYS[id] });
  return out;
}

/** The citation for a rule in this profile's jurisdiction. */
export function sourceFor(rule: RuleDef, profile: Pick<Profile, "jurisdiction">): string {
  return packFor(profile).citations?.[rule.id] ?? rule.source;
}

/**
 * The force shown for a rule: an "S/C" rule binds as statute in a maintained school and as contract where an
 * academy (or another employer) adopts the document (RULES.md "Force").
 */
export function forceFor(rule: Pick<RuleDef, "force">, profile: Pick<Profile, "schoolType">): Force {
  if (rule.force !== "S/C") return rule.force;
  return (profile.schoolType ?? DEFAULT_SCHOOL_TYPE) === "maintained" ? "S" : "C";
}

/** Until the teacher says, an "S/C" rule is shown as contract: never claim more force than may hold. */
export const DEFAULT_SCHOOL_TYPE = "academy" as const;

/** Words for an "S/C" rule's force at this school type. */
export function forceLabelFor(rule: Pick<RuleDef, "force">, profile: Pick<Profile, "schoolType">): string {
  const force = forceFor(rule, profile);
  if (rule.force !== "S/C") return FORCE_LABEL[force];
  const type = profile.schoolType ?? DEFAULT_SCHOOL_TYPE;
  return type === "maintained"
    ? "statute (maintained school)"
    : type === "academy"
      ? "contract (academy adopting the STPCD)"
      : "contract, if your contract adopts the STPCD";
}

interface Resolved {
  values: Params;
  problems: ParamProblem[];
}

const resolvedCache = new WeakMap<Profile, Map<string, Resolved>>();

function resolved(profile: Profile, rule: RuleDef): Resolved {
  let cache = resolvedCache.get(profile);
  if (!cache) {
    cache = new Map();
    resolvedCache.set(profile, cache);
  }
  let r = cache.get(rule.id);
  if (!r) {
    const preset = presetById(profile.localAgreement);
    r = resolveParams(rule, [preset?.overrides[rule.id], profile.overrides[rule.id]]);
    cache.set(rule.id, r);
  }
  return r;
}

/** Effective parameters: rule defaults, then the local agreement preset, then the teacher's own overrides. */
export function paramsFor(profile: Profile): ParamsOf {
  return <P extends ParamSpecs>(rule: RuleDef<P>) => resolved(profile, rule as RuleDef).values as Values<P>;
}

/**
 * Overrides that cannot be used, in plain words: a rule the profile's pack does not have, a key the rule does
 * not have (a misspelling), or a value of the wrong type. The options page shows these and refuses to save them.
 */
export function overrideProblems(profile: Profile): string[] {
  const offered = new Map(rulesOffered(profile).map((x) => [x.rule.id, x.rule]));
  const out: string[] = [];
  for (const id of Object.keys(profile.overrides)) {
    const rule = offered.get(id);
    if (!rule) {
      if (!RULE_BY_ID.has(id) && !SETTINGS_KEYS.has(id))
        out.push(`“${id}” is not a rule; its settings are ignored.`);
      continue;
    }
    for (const p of resolved(profile, rule).problems) out.push(`${rule.title} (${rule.id}): ${p.message}`);
  }
  return out;
}

/** The overrides without what `overrideProblems` refuses: what the options page saves. */
export function usableOverrides(profile: Profile): Profile["overrides"] {
  const offered = new Map(rulesOffered(profile).map((x) => [x.rule.id, x.rule]));
  const out: Profile["overrides"] = {};
  for (const [id, values] of Object.entries(profile.overrides)) {
    const rule = offered.get(id);
    if (!rule) {
      // Another pack's rule keeps its settings for a return to that pack; a non-rule is dropped.
      if (RULE_BY_ID.has(id) || SETTINGS_KEYS.has(id)) out[id] = values;
      continue;
    }
    const bad = new Set(resolved(profile, rule).problems.map((x) => x.key));
    const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !bad.has(key)));
    if (Object.keys(kept).length > 0) out[id] = kept;
  }
  return out;
}

/** Override keys that hold settings rather than a rule's parameters (the send guard's own window). */
export const SETTINGS_KEYS: ReadonlySet<string> = new Set(["send.guard"]);

/** A rule is on when the pack offers it, its overlay is on, and its `enabled` parameter is not false. */
export function isActive(rule: RuleDef, profile: Profile, p: ParamsOf = paramsFor(profile)): boolean {
  const offered = rulesOffered(profile).find((x) => x.rule.id === rule.id);
  if (!offered) return false;
  if (offered.group && !offered.group.on(profile)) return false;
  return p(rule).enabled !== false;
}

export interface RuleInfo {
  id: string;
  force: Force;
  forceLabel: string;
  title: string;
  source: string;
  /** The overlay the rule belongs to, when it is not the pack's own. */
  overlay?: OverlayId;
  active: boolean;
  checkable: boolean;
  notCheckable?: string;
  handledBy?: string;
  defaults: Params;
  /** Effective values after the local agreement and the teacher's overrides. */
  params: Params;
  /** Parameter keys whose effective value differs from the default, and where the value came from. */
  changed: { key: string; from: ParamValue | undefined; to: ParamValue; by: "agreement" | "teacher" }[];
  /** Overrides for this rule that were refused (unknown key, wrong type), in plain words. */
  problems: string[];
}

/** The rules available to this profile with their effective parameters, for the options page. */
export function listRules(profile: Profile): RuleInfo[] {
  const p = paramsFor(profile);
  const preset = presetById(profile.localAgreement);
  return rulesOffered(profile).map(({ rule: r, group }) => {
    const params = p(r);
    const defaults = defaultsOf(r);
    const changed: RuleInfo["changed"] = [];
    for (const [key, to] of Object.entries(params)) {
      if (defaults[key] === to) continue;
      const by = profile.overrides[r.id]?.[key] !== undefined ? "teacher" : "agreement";
      if (by === "agreement" && preset?.overrides[r.id]?.[key] === undefined) continue;
      changed.push({ key, from: defaults[key], to, by });
    }
    const info: RuleInfo = {
      id: r.id,
      force: forceFor(r, profile),
      forceLabel: forceLabelFor(r, profile),
      title: r.title,
      source: sourceFor(r, profile),
      active: isActive(r, profile, p),
      checkable: !r.notCheckable,
      notCheckable: r.notCheckable,
      handledBy: r.handledBy,
      defaults,
      params,
      changed,
      problems: resolved(profile, r).problems.map((x) => x.message),
    };
    if (group) info.overlay = group.id;
    return info;
  });
}

/** The roles a pack offers when it names none. */
const TEACHER_ROLES: readonly Role[] = ["classroom", "ect1", "ect2", "leadership"];

/**
 * Which profile fields apply where the teacher works, asked of the pack: its roles (the saved role is kept
 * in the list so a choice made elsewhere is never silently changed), whether it reads permanent units, and
 * whether the school type matters (only where a rule binds as statute or contract by type of school).
 */
export function profileFieldsFor(
  jurisdiction: Jurisdiction,
  role?: Role,
): { roles: Role[]; permanentUnits: boolean; schoolType: boolean } {
  const pack = PACKS[jurisdiction];
  const roles = [...(pack.roles ?? TEACHER_ROLES)];
  if (role && !roles.includes(role)) roles.push(role);
  return {
    roles,
    permanentUnits: pack.asks?.includes("permanentUnits") ?? false,
    schoolType: pack.rules.some((r) => r.force === "S/C"),
  };
}
