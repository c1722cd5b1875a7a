import { useEffect, useMemo, useState } from "preact/hooks";
import { FORCE_LABEL, type Force, type ParamValue, type Profile } from "../model";
import { listRules, overrideProblems, usableOverrides, type RuleInfo } from "../rules/catalogue";
import type { LocalAgreement } from "../rules/presets";
import { client } from "./client";
import { useDraft } from "./draft";
import { StatusLine, statusOf, type Status } from "./StatusLine";
import {
  DISCONNECT_RULES,
  ORIGIN_LABEL,
  agreementFor,
  baseValue,
  groupByForce,
  isEnabled,
  originOf,
  paramLabel,
  parseParam,
  presetsFor,
  resetRule,
  setOverride,
  showNumber,
  type Overrides,
} from "./rule-form";

const GROUP_NOTE: Record<Force, string> = {
  S: "Law: these apply whatever your school agrees.",
  C: "Your contract or the national agreement behind it.",
  G: "Official guidance: not law, but expected to be followed.",
  U: "Advice from the teaching unions. Advice, not law or contract.",
};

const DISCONNECT_SWITCH: Record<(typeof DISCONNECT_RULES)[number], string> = {
  "ie.disconnect": "Irish right to disconnect (Code of Practice, official guidance)",
  "au.disconnect": "Australian right to disconnect (Fair Work Act, statute in Australia)",
};

interface Draft {
  overrides: Overrides;
  localAgreement?: string;
}

/** A field whose text does not parse: what was typed, the message, and the rule it belongs to. */
type Invalid = { text: string; error: string; ruleTitle: string };

/**
 * The rules that apply to this profile, grouped by their force, with every parameter editable. The teacher's
 * values go to `overrides`; a ready-made local agreement sits between the national defaults and them.
 */
export function RulesPanel({ profile }: { profile: Profile }) {
  const saved: Draft = { overrides: profile.overrides, localAgreement: profile.localAgreement };
  const form = useDraft(saved);
  const draft = form.value;
  const setDraft = (change: (d: Draft) => Partial<Draft>) => form.update(change);
  // Text of number fields that do not parse yet, and their messages, keyed "ruleId key".
  const [invalid, setInvalid] = useState<Record<string, Invalid>>({});
  const [status, setStatus] = useState<Status>();
  // Another jurisdiction has other rules: half-typed numbers of the old ones no longer apply.
  useEffect(() => setInvalid({}), [profile.jurisdiction]);

  const agreement = agreementFor(profile.jurisdiction, draft.localAgreement);
  const rules = useMemo(
    () => listRules({ ...profile, overrides: draft.overrides, localAgreement: agreement?.id }),
    [profile, draft, agreement],
  );
  const presets = presetsFor(profile.jurisdiction);
  // Saved or agreement values a rule cannot use (a misspelt key, a wrong type): shown, never silently ignored.
  const refused = useMemo(
    () => overrideProblems({ ...profile, overrides: draft.overrides, localAgreement: agreement?.id }),
    [profile, draft, agreement],
  );
  const errors = Object.values(invalid).map((v) => `${v.ruleTitle} — ${v.error}`);
  const dirty =
    JSON.stringify([draft.overrides, agreement?.id ?? ""]) !==
    JSON.stringify([saved.overrides, saved.localAgreement ?? ""]);

  const edit = (rule: RuleInfo, key: string, value: ParamValue) => {
    setStatus(undefined);
    setDraft((d) => ({
      ...d,
      overrides: setOverride(
        d.overrides,
        rule.id,
        key,
        value,
        baseValue(rule, key, agreement) ?? (key === "enabled" ? true : undefined),
      ),
    }));
  };
  const markInvalid = (id: string, key: string, entry?: Invalid) =>
    setInvalid((all) => {
      const next = { ...all };
      if (entry) next[`${id} ${key}`] = entry;
      else delete next[`${id} ${key}`];
      return next;
    });
  const reset = (rule: RuleInfo) => {
    setStatus(undefined);
    setDraft((d) => ({ ...d, overrides: resetRule(d.overrides, rule.id) }));
    setInvalid((all) =>
      Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`${rule.id} `))),
    );
  };

  async function save(event: Event) {
    event.preventDefault();
    if (errors.length > 0) {
      setStatus({ ok: false, text: "Nothing saved: correct the values marked below first." });
      return;
    }
    // An empty name clears a saved agreement (JSON drops undefined, so the old one would stay).
    const reply = await client.request("profile/save", {
      profile: {
        overrides: usableOverrides({ ...profile, overrides: draft.overrides, localAgreement: agreement?.id }),
        localAgreement: agreement?.id ?? "",
      },
    });
    setStatus(
      statusOf(
        reply,
        refused.length > 0
          ? `Saved without the ${refused.length === 1 ? "setting" : `${refused.length} settings`} that cannot be used. Your week has been recounted.`
          : "Saved. Your week has been recounted.",
      ),
    );
  }

  const card = (rule: RuleInfo) => (
    <RuleCard
      key={rule.id}
      rule={rule}
      overrides={draft.overrides}
      agreement={agreement}
      invalid={invalid}
      onEdit={edit}
      onInvalid={markInvalid}
      onReset={reset}
    />
  );
  const optIn = DISCONNECT_RULES.map((id) => rules.find((r) => r.id === id)).filter((r) => r !== undefined);

  return (
    <form onSubmit={save} aria-labelledby="rules-heading" class="wh-card" noValidate>
      <h2 id="rules-heading">Rules that apply to you</h2>
      <p class="wh-muted">
        Change any value to match your school’s agreement. Each value says where it comes from: the national
        default, your local agreement, or yours.
      </p>
      <div class="wh-row">
        <label>
          Local agreement
          <select
            name="localAgreement"
            value={agreement?.id ?? ""}
            onChange={(e) => {
              setStatus(undefined);
              const id = e.currentTarget.value;
              setDraft((d) => ({ ...d, localAgreement: id || undefined }));
            }}
          >
            <option value="">None (national terms only)</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {presets.length === 0 && (
          <span class="wh-muted">No ready-made agreements for where you work yet.</span>
        )}
      </div>
      {agreement && <p class="wh-muted">Source: {agreement.source}</p>}
      {refused.length > 0 && (
        <div class="wh-error" role="alert" data-testid="rule-problems">
          <p>These settings cannot be used: they are ignored, and saving removes them.</p>
          <ul>
            {refused.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}

      <fieldset>
        <legend>Right-to-disconnect advisories (off unless you switch them on)</legend>
        <div class="wh-row">
          {optIn.map((rule) => (
            <label key={rule.id}>
              <input
                type="checkbox"
                name={`optin:${rule.id}`}
                checked={isEnabled(rule.params)}
                onChange={(e) => edit(rule, "enabled", e.currentTarget.checked)}
              />
              {DISCONNECT_SWITCH[rule.id as (typeof DISCONNECT_RULES)[number]]}
            </label>
          ))}
        </div>
        {optIn.filter((r) => isEnabled(r.params)).map(card)}
      </fieldset>

      {groupByForce(rules).map((group) => (
        <section key={group.force} aria-labelledby={`force-${group.force}`}>
          <h3 id={`force-${group.force}`}>
            {capitalise(FORCE_LABEL[group.force])} <span class="wh-muted">({group.rules.length})</span>
          </h3>
          <p class="wh-muted">{GROUP_NOTE[group.force]}</p>
          {group.rules.map(card)}
        </section>
      ))}

      <div class="wh-row wh-sticky">
        <button type="submit" disabled={!dirty && errors.length === 0}>
          Save rules
        </button>
        {errors.length > 0 && (
          <span class="wh-error" role="alert">
            {errors.length === 1 ? errors[0] : `${errors.length} values need correcting.`}
          </span>
        )}
        <StatusLine status={status} />
      </div>
    </form>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface CardProps {
  rule: RuleInfo;
  overrides: Overrides;
  agreement: LocalAgreement | undefined;
  invalid: Record<string, Invalid>;
  onEdit(rule: RuleInfo, key: string, value: ParamValue): void;
  onInvalid(id: string, key: string, entry?: Invalid): void;
  onReset(rule: RuleInfo): void;
}

function RuleCard({ rule, overrides, agreement, invalid, onEdit, onInvalid, onReset }: CardProps) {
  const enabled = isEnabled(rule.params);
  const keys = Object.keys(rule.params).filter((k) => k !== "enabled");
  const titleId = `rule-${rule.id}`;
  const changedByYou = overrides[rule.id] !== undefined;
  return (
    <article class="wh-rule" aria-labelledby={titleId} data-rule={rule.id} data-active={String(rule.active)}>
      <div class="wh-row">
        <label>
          <input
            type="checkbox"
            name={`enabled:${rule.id}`}
            checked={enabled}
            onChange={(e) => onEdit(rule, "enabled", e.currentTarget.checked)}
          />
          <span class="wh-sr">Use this rule: </span>
          <strong id={titleId}>{rule.title}</strong>
        </label>
        <code class="wh-muted">{rule.id}</code>
        <span class="wh-tag">{rule.forceLabel}</span>
        <button
          type="button"
          class="wh-small"
          disabled={!changedByYou}
          aria-label={`Reset ${rule.title} to the ${agreement ? "agreement" : "default"} values`}
          onClick={() => onReset(rule)}
        >
          Reset
        </button>
      </div>
      <p class="wh-muted wh-source">{rule.source}</p>
      {enabled && !rule.active && rule.force === "U" && (
        <p class="wh-muted">Off while union advice is switched off in “Your contract”.</p>
      )}
      {rule.notCheckable && <p class="wh-muted">Not checked automatically: {rule.notCheckable}</p>}
      {enabled && keys.length > 0 && (
        <div class="wh-grid wh-params">
          {keys.map((key) => {
            const value = rule.params[key]!;
            const label = paramLabel(key);
            const origin = originOf(rule.id, key, overrides, agreement);
            const name = `param:${rule.id}:${key}`;
            const bad = invalid[`${rule.id} ${key}`];
            const errorId = `${name}:error`;
            const originTag = (
              <span class="wh-tag" data-origin={origin} title="Where this value comes from">
                {ORIGIN_LABEL[origin]}
              </span>
            );
            if (typeof value === "boolean") {
              return (
                <label key={key} class="wh-check">
                  <span>
                    <input
                      type="checkbox"
                      name={name}
                      checked={value}
                      onChange={(e) => onEdit(rule, key, e.currentTarget.checked)}
                    />{" "}
                    {label} {originTag}
                  </span>
                </label>
              );
            }
            const kind = typeof value === "number" ? "number" : "string";
            return (
              <label key={key}>
                <span>
                  {label} {originTag}
                </span>
                <input
                  type={kind === "number" ? "number" : "text"}
                  name={name}
                  inputMode={kind === "number" ? "decimal" : undefined}
                  min={kind === "number" ? "0" : undefined}
                  step={kind === "number" ? "any" : undefined}
                  value={bad ? bad.text : typeof value === "number" ? showNumber(value) : value}
                  aria-invalid={bad ? "true" : undefined}
                  aria-describedby={bad ? errorId : undefined}
                  onInput={(e) => {
                    const text = e.currentTarget.value;
                    const parsed = parseParam(text, kind, label);
                    if (parsed.ok) {
                      onInvalid(rule.id, key);
                      onEdit(rule, key, parsed.value);
                    } else onInvalid(rule.id, key, { text, error: parsed.error, ruleTitle: rule.title });
                  }}
                />
                {bad && (
                  <span id={errorId} class="wh-error">
                    {bad.error}
                  </span>
                )}
              </label>
            );
          })}
        </div>
      )}
    </article>
  );
}
