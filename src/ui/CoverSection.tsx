import { useMemo } from "preact/hooks";
import type { Profile } from "../model";
import { listRules, packFor } from "../rules/catalogue";
import { paramWords, valueInWords } from "../rules/param-words";
import { EVENT_TABLE_LIMITS } from "../store/limits";

/**
 * Cover in words: the rule the pack counts cover by, its values as they stand, and where to change them (the
 * rule's card in Rules, so there is one place to edit and one Save).
 */
export function CoverSection({ profile }: { profile: Profile }) {
  const coverRule = packFor(profile).meters.cover;
  const rule = useMemo(
    () => (coverRule ? listRules(profile).find((r) => r.id === coverRule.id) : undefined),
    [profile, coverRule],
  );
  const kept = Object.values(EVENT_TABLE_LIMITS).filter((l) => /cover/i.test(l.label));
  return (
    <div data-testid="cover-section">
      {rule ? (
        <>
          <p>
            <strong>{rule.title}</strong> <span class="wh-tag">{rule.forceLabel}</span>
          </p>
          <p class="wh-muted">{rule.source}</p>
          <ul class="wh-items">
            {Object.entries(rule.params)
              .filter(([key]) => key !== "enabled")
              .map(([key, value]) => {
                const words = paramWords(rule.id, key);
                return (
                  <li key={key}>
                    {words.label}: {valueInWords(value, words)}
                  </li>
                );
              })}
          </ul>
          <p>
            <a href={`#card-${rule.id}`}>Change how cover is counted in Rules</a>
          </p>
        </>
      ) : (
        <p class="wh-muted">Where you work has no rule on cover that Within Hours checks.</p>
      )}
      <p class="wh-muted">
        Cover on your calendar counts as teaching. Cover that could have been foreseen (a planned absence, or
        the same lesson covered again) is flagged with the rule it goes against.
      </p>
      {kept.map((limit) => (
        <p key={limit.label} class="wh-muted">
          {limit.label}: kept for {limit.retentionDays} days, at most {limit.cap.toLocaleString("en-GB")}.
        </p>
      ))}
    </div>
  );
}
