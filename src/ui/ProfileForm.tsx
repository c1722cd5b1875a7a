import { useState } from "preact/hooks";
import {
  JURISDICTIONS,
  ROLES,
  SCHOOL_TYPES,
  SEND_LOG_LIMITS,
  type ParamValue,
  type Profile,
  type Weekday,
} from "../model";
import { DEFAULT_SCHOOL_TYPE, PACKS } from "../rules/catalogue";
import { SEND_GUARD_KEY } from "../rules/email";
import { client } from "./client";
import { useDraft } from "./draft";
import { StatusLine, statusOf, type Status } from "./StatusLine";

/** What each pack calls itself in a choice of where the teacher works. */
export const JURISDICTION_LABEL = Object.fromEntries(
  JURISDICTIONS.map((j) => [j, PACKS[j].choiceLabel]),
) as Record<(typeof JURISDICTIONS)[number], string>;
const SCHOOL_TYPE_LABEL: Record<(typeof SCHOOL_TYPES)[number], string> = {
  maintained: "Maintained school (the pay and conditions document is law)",
  academy: "Academy or free school that adopts it (it is your contract)",
  other: "Another employer (contract, if it adopts the document)",
};
export const ROLE_LABEL: Record<(typeof ROLES)[number], string> = {
  classroom: "Classroom teacher",
  ect1: "Early career teacher, year 1",
  ect2: "Early career teacher, year 2",
  leadership: "Leadership",
  support: "Support staff",
  instructor: "Music instructor",
  specialist: "Specialist teacher",
  probationer: "Probationer (Scotland)",
};
export const DAYS: [Weekday, string][] = [
  [1, "Mon"],
  [2, "Tue"],
  [3, "Wed"],
  [4, "Thu"],
  [5, "Fri"],
  [6, "Sat"],
  [7, "Sun"],
];

function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? ["Europe/London", "Pacific/Auckland"];
}

/** The fields this form edits; the email guard's hours are its own field here, not the whole overrides. */
type ProfileFields = Pick<
  Profile,
  | "jurisdiction"
  | "schoolType"
  | "role"
  | "fte"
  | "permanentUnits"
  | "schoolDayStart"
  | "schoolDayEnd"
  | "timeZone"
  | "academicYearStart"
  | "weekStart"
  | "cycleWeeks"
  | "contractedDays"
  | "unionOverlay"
  | "emailExceptions"
> & { guard: Record<string, ParamValue> };

function fieldsOf(profile: Profile): ProfileFields {
  return {
    jurisdiction: profile.jurisdiction,
    schoolType: profile.schoolType,
    role: profile.role,
    fte: profile.fte,
    permanentUnits: profile.permanentUnits,
    schoolDayStart: profile.schoolDayStart,
    schoolDayEnd: profile.schoolDayEnd,
    timeZone: profile.timeZone,
    academicYearStart: profile.academicYearStart,
    weekStart: profile.weekStart,
    cycleWeeks: profile.cycleWeeks,
    contractedDays: profile.contractedDays,
    unionOverlay: profile.unionOverlay,
    emailExceptions: profile.emailExceptions,
    guard: profile.overrides[SEND_GUARD_KEY] ?? {},
  };
}

/**
 * The teacher's profile. Saving goes through the background, which validates it and re-runs the rules; a
 * recount while the teacher is typing keeps what they typed (useDraft).
 */
export function ProfileForm({ profile }: { profile: Profile }) {
  const form = useDraft(fieldsOf(profile));
  const draft = form.value;
  const [status, setStatus] = useState<Status>();

  const set = <K extends keyof ProfileFields>(key: K, value: ProfileFields[K]) => {
    setStatus(undefined);
    form.update({ [key]: value } as Partial<ProfileFields>);
  };
  const guard = draft.guard;
  const setGuard = (key: string, value: ParamValue) => set("guard", { ...guard, [key]: value });

  async function save(event: Event) {
    event.preventDefault();
    setStatus(undefined);
    const { guard: guardHours, ...fields } = draft;
    const guardOverride: Profile["overrides"] =
      Object.keys(guardHours).length > 0 ? { [SEND_GUARD_KEY]: guardHours } : {};
    const jurisdictionChanged = draft.jurisdiction !== profile.jurisdiction;
    // On a change of jurisdiction, send only what the teacher set here so the rest takes its defaults
    // (another regime's rule settings do not carry over; the email guard's hours do).
    const payload: Partial<Profile> = jurisdictionChanged
      ? {
          jurisdiction: draft.jurisdiction,
          schoolType: draft.schoolType,
          role: draft.role,
          fte: draft.fte,
          contractedDays: draft.contractedDays,
          emailExceptions: draft.emailExceptions,
          overrides: guardOverride,
        }
      : { ...fields, overrides: { ...profile.overrides, ...guardOverride } };
    const reply = await client.request("profile/save", { profile: payload });
    setStatus(statusOf(reply, "Saved. Your week has been recounted."));
  }

  return (
    <form onSubmit={save} aria-labelledby="profile-heading" class="wh-card">
      <h2 id="profile-heading">Your contract</h2>
      <div class="wh-grid">
        <label>
          Where you work
          <select
            name="jurisdiction"
            value={draft.jurisdiction}
            onChange={(e) => set("jurisdiction", e.currentTarget.value as Profile["jurisdiction"])}
          >
            {JURISDICTIONS.map((j) => (
              <option key={j} value={j}>
                {PACKS[j].choiceLabel}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type of school
          <select
            name="schoolType"
            value={draft.schoolType ?? DEFAULT_SCHOOL_TYPE}
            onChange={(e) => set("schoolType", e.currentTarget.value as Profile["schoolType"])}
          >
            {SCHOOL_TYPES.map((t) => (
              <option key={t} value={t}>
                {SCHOOL_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select
            name="role"
            value={draft.role}
            onChange={(e) => set("role", e.currentTarget.value as Profile["role"])}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          FTE (1 = full time)
          <input
            name="fte"
            type="number"
            min="0.05"
            max="1"
            step="0.05"
            required
            value={draft.fte}
            onInput={(e) => set("fte", Number(e.currentTarget.value))}
          />
        </label>
        <label>
          Permanent units held
          <input
            name="permanentUnits"
            type="number"
            min="0"
            max="20"
            step="1"
            value={draft.permanentUnits}
            onInput={(e) => set("permanentUnits", Number(e.currentTarget.value))}
          />
        </label>
        <label>
          School day starts
          <input
            name="schoolDayStart"
            type="time"
            required
            value={draft.schoolDayStart}
            onInput={(e) => set("schoolDayStart", e.currentTarget.value)}
          />
        </label>
        <label>
          School day ends
          <input
            name="schoolDayEnd"
            type="time"
            required
            value={draft.schoolDayEnd}
            onInput={(e) => set("schoolDayEnd", e.currentTarget.value)}
          />
        </label>
        <label>
          Time zone
          <select
            name="timeZone"
            value={draft.timeZone}
            onChange={(e) => set("timeZone", e.currentTarget.value)}
          >
            {allTimeZones().map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label>
          Academic year starts
          <input
            name="academicYearStart"
            type="date"
            required
            value={draft.academicYearStart}
            onInput={(e) => set("academicYearStart", e.currentTarget.value)}
          />
        </label>
        <label>
          Week starts on
          <select
            name="weekStart"
            value={draft.weekStart}
            onChange={(e) => set("weekStart", Number(e.currentTarget.value) as Weekday)}
          >
            <option value={1}>Monday</option>
            <option value={7}>Sunday</option>
          </select>
        </label>
        <label>
          Timetable cycle
          <select
            name="cycleWeeks"
            value={draft.cycleWeeks}
            onChange={(e) => set("cycleWeeks", Number(e.currentTarget.value) as 1 | 2)}
          >
            <option value={1}>1 week</option>
            <option value={2}>2 weeks</option>
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Days you are contracted to work</legend>
        <div class="wh-row">
          {DAYS.map(([day, label]) => (
            <label key={day}>
              <input
                type="checkbox"
                name={`day-${day}`}
                checked={draft.contractedDays.includes(day)}
                onChange={(e) =>
                  set(
                    "contractedDays",
                    e.currentTarget.checked
                      ? [...draft.contractedDays, day].sort()
                      : draft.contractedDays.filter((d) => d !== day),
                  )
                }
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        <input
          type="checkbox"
          name="unionOverlay"
          checked={draft.unionOverlay}
          onChange={(e) => set("unionOverlay", e.currentTarget.checked)}
        />
        Apply union advice (NEU/NASUWT: meetings, emails, observations, reports). Advice, not law.
      </label>
      <fieldset>
        <legend>Email guard (Gmail and Outlook on the web)</legend>
        <div class="wh-row">
          <label>
            <input
              type="checkbox"
              name="guard-enabled"
              checked={guard.enabled !== false}
              onChange={(e) => setGuard("enabled", e.currentTarget.checked)}
            />
            Warn before I send work email outside these hours
          </label>
          <label>
            From
            <input
              name="guard-start"
              type="time"
              value={String(guard.start ?? draft.schoolDayStart)}
              onInput={(e) => setGuard("start", e.currentTarget.value)}
            />
          </label>
          <label>
            to
            <input
              name="guard-end"
              type="time"
              value={String(guard.end ?? draft.schoolDayEnd)}
              onInput={(e) => setGuard("end", e.currentTarget.value)}
            />
          </label>
        </div>
        <p class="wh-muted">
          Your school day unless you set other hours here, on your working days in term time, plus any
          directed time on your calendar (a parents' evening, say).
        </p>
        <p class="wh-muted" data-testid="send-log-limits">
          The send log keeps only the time and outcome of each guarded send, never the email: at most{" "}
          {SEND_LOG_LIMITS.perTabPerMinute} entries a minute from one tab,{" "}
          {SEND_LOG_LIMITS.maxRows.toLocaleString("en-GB")} in all, each for {SEND_LOG_LIMITS.keepDays} days.
        </p>
      </fieldset>
      <label class="wh-block">
        Addresses or domains never to warn about when emailing (one per line)
        <textarea
          name="emailExceptions"
          rows={3}
          value={draft.emailExceptions.join("\n")}
          onInput={(e) =>
            set(
              "emailExceptions",
              e.currentTarget.value
                .split(/\s+/)
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      </label>
      <div class="wh-row">
        <button type="submit">Save</button>
        <StatusLine status={status} />
      </div>
    </form>
  );
}
