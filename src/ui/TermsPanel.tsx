import { useState } from "preact/hooks";
import type { Profile, TermDates } from "../model";
import { useDraft } from "./draft";
import { MAX_TERMS, addTrainingDay, cleanTerms, sessionEndError, showDate, termErrors } from "./term-form";
import { useSavePart } from "./SaveBar";

interface Draft {
  terms: TermDates[];
  trainingDays: string[];
  sessionEnd: string;
}

/** Term dates, training (INSET) days and when pupils' last session ends. Saved with the page's one Save. */
export function TermsPanel({ profile }: { profile: Profile }) {
  const form = useDraft<Draft>({
    terms: profile.terms,
    trainingDays: profile.trainingDays,
    sessionEnd: profile.sessionEnd ?? "",
  });
  const draft = form.value;
  const [newDay, setNewDay] = useState("");
  const [dayError, setDayError] = useState<string>();
  const formProps = useSavePart("terms", {
    dirty: form.dirty,
    value: { terms: cleanTerms(draft.terms), trainingDays: draft.trainingDays, sessionEnd: draft.sessionEnd },
    problems: () => {
      const problems = termErrors(draft.terms);
      const sessionProblem = sessionEndError(draft.sessionEnd, profile.schoolDayStart, profile.schoolDayEnd);
      if (sessionProblem) problems.push(sessionProblem);
      // The background merges what it is sent, so a saved session end cannot be cleared from here.
      if (draft.sessionEnd === "" && profile.sessionEnd)
        problems.push("enter a session end time; a saved one cannot be cleared yet.");
      return problems;
    },
    discard: form.discard,
  });

  const update = (change: Partial<Draft>) => form.update(change);
  const setTerm = (index: number, change: Partial<TermDates>) =>
    update({ terms: draft.terms.map((t, i) => (i === index ? { ...t, ...change } : t)) });

  function addDay() {
    const added = addTrainingDay(draft.trainingDays, newDay);
    if (!added.ok) {
      setDayError(added.error);
      return;
    }
    setDayError(undefined);
    setNewDay("");
    update({ trainingDays: added.days });
  }

  return (
    <form {...formProps} aria-labelledby="terms-heading" noValidate data-testid="terms-form">
      <h3 id="terms-heading">Terms and training days</h3>
      <p class="wh-muted">
        Term dates and training (INSET) days set the days your working year is counted over. Dates are
        inclusive.
      </p>
      <fieldset>
        <legend>Term dates</legend>
        {draft.terms.length === 0 && (
          <p class="wh-muted">No terms yet: the year is estimated until you add them.</p>
        )}
        <ol class="wh-terms">
          {draft.terms.map((term, i) => (
            <li key={i} class="wh-row">
              <label>
                Name
                <input
                  name={`term-${i}-name`}
                  value={term.name}
                  maxLength={100}
                  onInput={(e) => setTerm(i, { name: e.currentTarget.value })}
                />
              </label>
              <label>
                Starts
                <input
                  type="date"
                  name={`term-${i}-start`}
                  value={term.start}
                  onInput={(e) => setTerm(i, { start: e.currentTarget.value })}
                />
              </label>
              <label>
                Ends
                <input
                  type="date"
                  name={`term-${i}-end`}
                  value={term.end}
                  min={term.start || undefined}
                  onInput={(e) => setTerm(i, { end: e.currentTarget.value })}
                />
              </label>
              <button
                type="button"
                class="wh-small"
                aria-label={`Remove ${term.name || `term ${i + 1}`}`}
                onClick={() => update({ terms: draft.terms.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          disabled={draft.terms.length >= MAX_TERMS}
          onClick={() => update({ terms: [...draft.terms, { name: "", start: "", end: "" }] })}
        >
          Add a term
        </button>
      </fieldset>

      <fieldset>
        <legend>Training days</legend>
        {draft.trainingDays.length === 0 ? (
          <p class="wh-muted">No training days yet.</p>
        ) : (
          <ul class="wh-days">
            {draft.trainingDays.map((day) => (
              <li key={day} class="wh-row" data-day={day}>
                <span>{showDate(day)}</span>
                <button
                  type="button"
                  class="wh-small"
                  aria-label={`Remove training day ${showDate(day)}`}
                  onClick={() => update({ trainingDays: draft.trainingDays.filter((d) => d !== day) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div class="wh-row">
          <label>
            Training day
            <input
              type="date"
              name="new-training-day"
              value={newDay}
              aria-invalid={dayError ? "true" : undefined}
              aria-describedby={dayError ? "training-day-error" : undefined}
              onInput={(e) => setNewDay(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Enter adds the day rather than submitting the whole form.
                if (e.key === "Enter") {
                  e.preventDefault();
                  addDay();
                }
              }}
            />
          </label>
          <button type="button" onClick={addDay}>
            Add training day
          </button>
          {dayError && (
            <span id="training-day-error" class="wh-error">
              {dayError}
            </span>
          )}
        </div>
      </fieldset>

      <label>
        When pupils’ last session ends
        <input
          type="time"
          name="sessionEnd"
          value={draft.sessionEnd}
          onInput={(e) => update({ sessionEnd: e.currentTarget.value })}
        />
        <span class="wh-muted">Meetings from this time count as after school.</span>
      </label>
    </form>
  );
}
