import { useEffect, useMemo, useState } from "preact/hooks";
import { FORCE_LABEL, type Force, type ParamValue, type Profile } from "../model";
import { listRules, overrideProblems, usableOverrides, type RuleInfo } from "../rules/catalogue";
import type { LocalAgreement } from "../rules/presets";
import { useDraft } from "./draft";
import { useSavePart } from "./SaveBar";
import { ListField } from "./ListField";
import {
  listFromLines,
  listFromStored,
  listToStored,
  paramWords,
  shownNumber,
  storedNumber,
} from "../rules/param-words";
import {
  DISCONNECT_RULES,
  ORIGIN_LABEL,
  agreementFor,
  baseValue,
  groupByForce,
  isEnabled,
  originOf,
  parseParam,
  presetsFor,
  resetRule,
  setOverride,
  type Origin,
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
    setDraft((d) => ({ ...d, overrides: resetRule(d.overrides, rule.id) }));
    setInvalid((all) =>
      Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith(`${rule.id} `))),
    );
  };

  const formProps = useSavePart("rules", {
    // A value that does not parse is a change too: Save then says what to correct.
    dirty: dirty || errors.length > 0,
    value: {
      overrides: usableOverrides({ ...profile, overrides: draft.overrides, localAgreement: agreement?.id }),
      // An empty name clears a saved agreement (JSON drops undefined, so the old one would stay).
      localAgreement: agreement?.id ?? "",
    },
    problems: () => errors,
    discard: () => {
      form.discard();
      setInvalid({});
    },
  });

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
    <form {...formProps} aria-label="Rules that apply to you" noValidate data-testid="rules-form">
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

      {errors.length > 0 && (
        <p class="wh-error" role="alert">
          {errors.length === 1 ? errors[0] : `${errors.length} values need correcting.`}
        </p>
      )}
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
    <article
      id={`card-${rule.id}`}
      class="wh-rule"
      aria-labelledby={titleId}
      data-rule={rule.id}
      data-active={String(rule.active)}
      tabIndex={-1}
    >
      <div class="wh-row">
        <label class="wh-check">
          <input
            type="checkbox"
            name={`enabled:${rule.id}`}
            checked={enabled}
            onChange={(e) => onEdit(rule, "enabled", e.currentTarget.checked)}
          />
          <span class="wh-sr">Use this rule: </span>
          <strong id={titleId}>{rule.title}</strong>
        </label>
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
      {!enabled && <p class="wh-muted">Switched off: not checked.</p>}
      {enabled && !rule.active && rule.force === "U" && (
        <p class="wh-muted">Off while union advice is switched off in “Contract”.</p>
      )}
      {rule.notCheckable && <p class="wh-muted">Not checked automatically: {rule.notCheckable}</p>}
      {enabled && keys.length > 0 && (
        <div class="wh-params">
          {keys.map((key) => (
            <ParamField
              key={key}
              rule={rule}
              paramKey={key}
              origin={originOf(rule.id, key, overrides, agreement)}
              bad={invalid[`${rule.id} ${key}`]}
              onEdit={onEdit}
              onInvalid={onInvalid}
            />
          ))}
        </div>
      )}
      <details class="wh-details">
        <summary>
          Where this comes from<span class="wh-sr"> ({rule.title})</span>
        </summary>
        <p class="wh-muted wh-source">
          {rule.source} ({rule.forceLabel})
        </p>
        {rule.handledBy && <p class="wh-muted">Also enforced by: {rule.handledBy}</p>}
        <p class="wh-muted">
          Rule id: <code>{rule.id}</code>
        </p>
      </details>
    </article>
  );
}

function ParamField(props: {
  rule: RuleInfo;
  paramKey: string;
  origin: Origin;
  bad: Invalid | undefined;
  onEdit(rule: RuleInfo, key: string, value: ParamValue): void;
  onInvalid(id: string, key: string, entry?: Invalid): void;
}) {
  const { rule, paramKey: key, origin, bad, onEdit, onInvalid } = props;
  const value = rule.params[key]!;
  const words = paramWords(rule.id, key);
  const name = `param:${rule.id}:${key}`;
  const errorId = `${name}:error`;
  const originTag = (
    <span class="wh-tag" data-origin={origin} title="Where this value comes from">
      {ORIGIN_LABEL[origin]}
    </span>
  );
  if (typeof value === "boolean") {
    return (
      <label class="wh-check">
        <input
          type="checkbox"
          name={name}
          checked={value}
          onChange={(e) => onEdit(rule, key, e.currentTarget.checked)}
        />
        {words.label} {originTag}
      </label>
    );
  }
  if (typeof value === "string" && words.list) {
    return (
      <div class="wh-param-list">
        <ListField
          name={name}
          label={`${words.label} (one a line)`}
          value={listFromStored(value)}
          parse={listFromLines}
          onChange={(list) => onEdit(rule, key, listToStored(list))}
        />
        {originTag}
      </div>
    );
  }
  if (typeof value === "string" && /^\d\d:\d\d$/.test(value)) {
    return (
      <label class="wh-param">
        <span>{words.label}</span>
        <input
          type="time"
          name={name}
          value={value}
          onInput={(e) => e.currentTarget.value && onEdit(rule, key, e.currentTarget.value)}
        />
        {originTag}
      </label>
    );
  }
  const kind = typeof value === "number" ? "number" : "string";
  return (
    <label class="wh-param">
      <span>{words.label}</span>
      <input
        type={kind === "number" ? "number" : "text"}
        name={name}
        inputMode={kind === "number" ? "decimal" : undefined}
        min={kind === "number" ? "0" : undefined}
        step={kind === "number" ? "any" : undefined}
        size={kind === "number" ? 6 : 24}
        value={bad ? bad.text : typeof value === "number" ? shownNumber(value, words) : value}
        aria-invalid={bad ? "true" : undefined}
        aria-describedby={bad ? errorId : undefined}
        onInput={(e) => {
          const text = e.currentTarget.value;
          const parsed = parseParam(text, kind, words.label, words.scale === 100 ? 100 : undefined);
          if (parsed.ok) {
            onInvalid(rule.id, key);
            onEdit(
              rule,
              key,
              typeof parsed.value === "number" ? storedNumber(parsed.value, words) : parsed.value,
            );
          } else onInvalid(rule.id, key, { text, error: parsed.error, ruleTitle: rule.title });
        }}
      />
      {words.unit && <span>{words.unit}</span>}
      {originTag}
      {bad && (
        <span id={errorId} class="wh-error">
          {bad.error}
        </span>
      )}
    </label>
  );
}
