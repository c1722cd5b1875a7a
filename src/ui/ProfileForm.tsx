import { JURISDICTIONS, SCHOOL_TYPES, type Profile, type Weekday } from "../model";
import { DEFAULT_SCHOOL_TYPE, PACKS, profileFieldsFor } from "../rules/catalogue";
import { useDraft } from "./draft";
import { RoleFields } from "./RoleFields";
import { useSavePart } from "./SaveBar";
import type { ContractPart } from "./save-all";

/** What each pack calls itself in a choice of where the teacher works. */
export const JURISDICTION_LABEL = Object.fromEntries(
  JURISDICTIONS.map((j) => [j, PACKS[j].choiceLabel]),
) as Record<(typeof JURISDICTIONS)[number], string>;
const SCHOOL_TYPE_LABEL: Record<(typeof SCHOOL_TYPES)[number], string> = {
  maintained: "Maintained school (the pay and conditions document is law)",
  academy: "Academy or free school that adopts it (it is your contract)",
  other: "Another employer (contract, if it adopts the document)",
};

function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? ["Europe/London", "Pacific/Auckland"];
}

function fieldsOf(profile: Profile): ContractPart {
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
  };
}

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems that stop the contract being saved, in words. */
function contractProblems(d: ContractPart): string[] {
  const out: string[] = [];
  if (!(d.fte >= 0.05 && d.fte <= 1)) out.push("enter how much of a full-time contract, from 0.05 to 1.");
  if (!HM.test(d.schoolDayStart) || !HM.test(d.schoolDayEnd))
    out.push("enter when your school day starts and ends.");
  else if (d.schoolDayEnd <= d.schoolDayStart) out.push("your school day must end after it starts.");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.academicYearStart)) out.push("enter the date your academic year starts.");
  if (!(d.permanentUnits >= 0 && d.permanentUnits <= 20)) out.push("permanent units: enter 0 to 20.");
  return out;
}

/**
 * The teacher's contract: where they work, role, hours and school day. Saved with the page's one Save; a
 * recount while the teacher is typing keeps what they typed (useDraft). Only the fields the pack uses show.
 */
export function ProfileForm({ profile }: { profile: Profile }) {
  const form = useDraft(fieldsOf(profile));
  const draft = form.value;
  const formProps = useSavePart("contract", {
    dirty: form.dirty,
    value: draft,
    problems: () => contractProblems(draft),
    discard: form.discard,
  });
  const set = (change: Partial<ContractPart>) => form.update(change);
  const fields = profileFieldsFor(draft.jurisdiction, draft.role);

  return (
    <form {...formProps} aria-label="Your contract" data-testid="profile-form">
      <div class="wh-grid">
        <label>
          Where you work
          <select
            name="jurisdiction"
            value={draft.jurisdiction}
            onChange={(e) => {
              const jurisdiction = e.currentTarget.value as Profile["jurisdiction"];
              // A role the new place of work does not have becomes its usual one.
              const roles = profileFieldsFor(jurisdiction).roles;
              set({
                jurisdiction,
                role: roles.includes(draft.role) ? draft.role : PACKS[jurisdiction].defaults.role,
              });
            }}
          >
            {JURISDICTIONS.map((j) => (
              <option key={j} value={j}>
                {PACKS[j].choiceLabel}
              </option>
            ))}
          </select>
        </label>
        {fields.schoolType && (
          <label>
            Type of school
            <select
              name="schoolType"
              value={draft.schoolType ?? DEFAULT_SCHOOL_TYPE}
              onChange={(e) => set({ schoolType: e.currentTarget.value as Profile["schoolType"] })}
            >
              {SCHOOL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SCHOOL_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <RoleFields value={draft} onChange={set} />
      <div class="wh-grid">
        <label>
          School day starts
          <input
            name="schoolDayStart"
            type="time"
            required
            value={draft.schoolDayStart}
            onInput={(e) => set({ schoolDayStart: e.currentTarget.value })}
          />
        </label>
        <label>
          School day ends
          <input
            name="schoolDayEnd"
            type="time"
            required
            value={draft.schoolDayEnd}
            onInput={(e) => set({ schoolDayEnd: e.currentTarget.value })}
          />
        </label>
        <label>
          Time zone
          <select
            name="timeZone"
            value={draft.timeZone}
            onChange={(e) => set({ timeZone: e.currentTarget.value })}
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
            onInput={(e) => set({ academicYearStart: e.currentTarget.value })}
          />
        </label>
        <label>
          Week starts on
          <select
            name="weekStart"
            value={draft.weekStart}
            onChange={(e) => set({ weekStart: Number(e.currentTarget.value) as Weekday })}
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
            onChange={(e) => set({ cycleWeeks: Number(e.currentTarget.value) as 1 | 2 })}
          >
            <option value={1}>1 week</option>
            <option value={2}>2 weeks (Week A and Week B)</option>
          </select>
        </label>
      </div>
      <label class="wh-check">
        <input
          type="checkbox"
          name="unionOverlay"
          checked={draft.unionOverlay}
          onChange={(e) => set({ unionOverlay: e.currentTarget.checked })}
        />
        Apply union advice (NEU/NASUWT: meetings, emails, observations, reports). Advice, not law.
      </label>
    </form>
  );
}
