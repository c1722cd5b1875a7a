import { SEND_LOG_LIMITS, type Profile } from "../model";
import { SEND_GUARD_KEY } from "../rules/email";
import { useDraft } from "./draft";
import { ListField } from "./ListField";
import { useSavePart } from "./SaveBar";
import type { GuardPart } from "./save-all";

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

function guardOf(profile: Profile): GuardPart {
  return { guard: profile.overrides[SEND_GUARD_KEY] ?? {}, emailExceptions: profile.emailExceptions };
}

/**
 * The send guard: on or off, its hours (the school day unless the teacher sets other hours) and the
 * addresses never warned about. Saved with the page's one Save.
 */
export function EmailGuardPanel({ profile }: { profile: Profile }) {
  const form = useDraft(guardOf(profile));
  const { guard, emailExceptions } = form.value;
  const ownHours = typeof guard.start === "string" || typeof guard.end === "string";
  const formProps = useSavePart("guard", {
    dirty: form.dirty,
    value: form.value,
    problems: () => {
      if (!ownHours) return [];
      const start = String(guard.start ?? profile.schoolDayStart);
      const end = String(guard.end ?? profile.schoolDayEnd);
      if (!HM.test(start) || !HM.test(end)) return ["enter both times of your email hours."];
      return end <= start ? ["your email hours must end after they start."] : [];
    },
    discard: form.discard,
  });
  const setGuard = (change: Record<string, string | boolean | undefined>) =>
    form.update((d) => {
      const next = { ...d.guard, ...change };
      for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
      return { guard: next as GuardPart["guard"] };
    });

  return (
    <form {...formProps} aria-label="Email guard settings">
      <label class="wh-check">
        <input
          type="checkbox"
          name="guard-enabled"
          checked={guard.enabled !== false}
          // "On" is the default: store nothing rather than true.
          onChange={(e) => setGuard({ enabled: e.currentTarget.checked ? undefined : false })}
        />
        Warn before I send work email outside my email hours
      </label>
      <fieldset>
        <legend>Your email hours</legend>
        <label class="wh-choice">
          <input
            type="radio"
            name="guard-hours"
            value="school-day"
            checked={!ownHours}
            onChange={() => setGuard({ start: undefined, end: undefined })}
          />
          My school day ({profile.schoolDayStart} to {profile.schoolDayEnd}), following it when it changes
        </label>
        <label class="wh-choice">
          <input
            type="radio"
            name="guard-hours"
            value="own"
            checked={ownHours}
            onChange={() => setGuard({ start: profile.schoolDayStart, end: profile.schoolDayEnd })}
          />
          Hours of my own
        </label>
        {ownHours && (
          <div class="wh-row">
            <label>
              From
              <input
                name="guard-start"
                type="time"
                value={String(guard.start ?? profile.schoolDayStart)}
                onInput={(e) => setGuard({ start: e.currentTarget.value })}
              />
            </label>
            <label>
              to
              <input
                name="guard-end"
                type="time"
                value={String(guard.end ?? profile.schoolDayEnd)}
                onInput={(e) => setGuard({ end: e.currentTarget.value })}
              />
            </label>
          </div>
        )}
        <p class="wh-muted">
          On your working days in term time and training days, plus any directed time on your calendar (a
          parents' evening, say). Where union advice applies, a day with directed time on the calendar opens
          for that time instead.
        </p>
      </fieldset>
      <ListField
        name="emailExceptions"
        label="Addresses or domains never to warn about (one per line)"
        value={emailExceptions}
        parse={(text) => text.split(/[\s,;]+/).filter(Boolean)}
        onChange={(list) => form.update({ emailExceptions: list })}
      />
      <p class="wh-muted" data-testid="send-log-limits">
        The send log keeps only the time and outcome of each guarded send, never the email: at most{" "}
        {SEND_LOG_LIMITS.perTabPerMinute} entries a minute from one tab,{" "}
        {SEND_LOG_LIMITS.maxRows.toLocaleString("en-GB")} in all, each for {SEND_LOG_LIMITS.keepDays} days.
      </p>
    </form>
  );
}
