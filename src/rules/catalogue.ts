import { FORCE_LABEL, type Force, type Jurisdiction, type ParamValue, type Profile } from "../model";
import { disconnectRules } from "./disconnect";
import { englandRegime, englandRules } from "./england";
import { northernIrelandRegime, northernIrelandRules } from "./northern-ireland";
import { nzPrimaryRegime, nzPrimaryRules } from "./nz-primary";
import { nzBreaksRule, nzSecondaryRegime, nzSecondaryRules } from "./nz-secondary";
import { presetById } from "./presets";
import { scotlandRegime, scotlandRules } from "./scotland";
import { supportStaffRegime, supportStaffRules } from "./support-staff";
import type { PackId, Params, ParamsOf, Regime, RuleDef } from "./types";
import { ukWtrRules } from "./uk-wtr";
import { unionRules } from "./union";
import { walesRegime, walesRules } from "./wales";

/** Every rule in RULES.md, as data plus one pure check. */
export const RULES: readonly RuleDef[] = [
  ...englandRules,
  ...walesRules,
  ...unionRules,
  ...ukWtrRules,
  ...northernIrelandRules,
  ...scotlandRules,
  ...nzSecondaryRules,
  nzBreaksRule,
  ...nzPrimaryRules,
  ...supportStaffRules,
  ...disconnectRules,
];

export const RULE_BY_ID: ReadonlyMap<string, RuleDef> = new Map(RULES.map((r) => [r.id, r]));

export const REGIMES: Record<Jurisdiction, Regime> = {
  england: englandRegime,
  wales: walesRegime,
  "northern-ireland": northernIrelandRegime,
  scotland: scotlandRegime,
  "nz-secondary": nzSecondaryRegime,
  "nz-primary": nzPrimaryRegime,
  "support-staff": supportStaffRegime,
};

export function regimeFor(profile: Pick<Profile, "jurisdiction">): Regime {
  return REGIMES[profile.jurisdiction];
}

const TEACHER_UK: ReadonlySet<Jurisdiction> = new Set(["england", "wales", "northern-ireland"]);

/** Packs a teacher can switch on for this profile: the regime's own, the union overlay, the advisories. */
export function availablePacks(profile: Pick<Profile, "jurisdiction">): Set<PackId> {
  const packs = new Set<PackId>(regimeFor(profile).packs);
  if (TEACHER_UK.has(profile.jurisdiction)) packs.add("union");
  packs.add("ie-disconnect");
  packs.add("au-disconnect");
  return packs;
}

/** The citation for a rule in this profile's regime. */
export function sourceFor(rule: RuleDef, profile: Pick<Profile, "jurisdiction">): string {
  return rule.sources?.[profile.jurisdiction] ?? rule.source;
}

const paramsCache = new WeakMap<Profile, Map<string, Params>>();

/** Effective parameters: rule defaults, then the local agreement preset, then the teacher's own overrides. */
export function paramsFor(profile: Profile): ParamsOf {
  let cache = paramsCache.get(profile);
  if (!cache) {
    cache = new Map();
    paramsCache.set(profile, cache);
  }
  const preset = presetById(profile.localAgreement);
  const map = cache;
  return (id) => {
    let p = map.get(id);
    if (!p) {
      p = { ...RULE_BY_ID.get(id)?.defaults, ...preset?.overrides[id], ...profile.overrides[id] };
      map.set(id, p);
    }
    return p;
  };
}

/** A rule is on when its pack applies to the profile and its `enabled` parameter is not false. */
export function isActive(rule: RuleDef, profile: Profile, p: ParamsOf): boolean {
  const packs = availablePacks(profile);
  if (!rule.packs.some((pk) => packs.has(pk))) return false;
  if (rule.packs.every((pk) => pk === "union") && !profile.unionOverlay) return false;
  return p(rule.id).enabled !== false;
}

export interface RuleInfo {
  id: string;
  force: Force;
  forceLabel: string;
  title: string;
  source: string;
  packs: readonly PackId[];
  active: boolean;
  checkable: boolean;
  notCheckable?: string;
  handledBy?: string;
  defaults: Params;
  /** Effective values after the local agreement and the teacher's overrides. */
  params: Params;
  /** Parameter keys whose effective value differs from the default, and where the value came from. */
  changed: { key: string; from: ParamValue | undefined; to: ParamValue; by: "agreement" | "teacher" }[];
}

/** The rules available to this profile with their effective parameters, for the options page. */
export function listRules(profile: Profile): RuleInfo[] {
  const p = paramsFor(profile);
  const packs = availablePacks(profile);
  const preset = presetById(profile.localAgreement);
  return RULES.filter((r) => r.packs.some((pk) => packs.has(pk))).map((r) => {
    const params = p(r.id);
    const changed: RuleInfo["changed"] = [];
    for (const [key, to] of Object.entries(params)) {
      if (r.defaults[key] === to) continue;
      const by = profile.overrides[r.id]?.[key] !== undefined ? "teacher" : "agreement";
      if (by === "agreement" && preset?.overrides[r.id]?.[key] === undefined) continue;
      changed.push({ key, from: r.defaults[key], to, by });
    }
    return {
      id: r.id,
      force: r.force,
      forceLabel: FORCE_LABEL[r.force],
      title: r.title,
      source: sourceFor(r, profile),
      packs: r.packs,
      active: isActive(r, profile, p),
      checkable: !r.notCheckable,
      notCheckable: r.notCheckable,
      handledBy: r.handledBy,
      defaults: r.defaults,
      params,
      changed,
    };
  });
}
