import type { Profile, Weekday } from "../model";
import { profileFieldsFor } from "../rules/catalogue";

export const ROLE_LABEL: Record<Profile["role"], string> = {
  classroom: "Classroom teacher",
  ect1: "Early career teacher, year 1",
  ect2: "Early career teacher, year 2",
  leadership: "Leadership",
  support: "Support staff",
  instructor: "Music instructor",
  specialist: "Specialist teacher",
  probationer: "Probationer",
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

export type RoleValues = Pick<Profile, "jurisdiction" | "role" | "fte" | "contractedDays" | "permanentUnits">;

/**
 * Role, how much of a full-time contract, permanent units where the pack reads them, and the days worked:
 * the same fields in the welcome and in the settings. The pack says which roles and fields apply.
 */
export function RoleFields({
  value,
  onChange,
}: {
  value: RoleValues;
  onChange: (change: Partial<RoleValues>) => void;
}) {
  const fields = profileFieldsFor(value.jurisdiction, value.role);
  return (
    <>
      <div class="wh-grid">
        <label>
          Your role
          <select
            name="role"
            value={value.role}
            onChange={(e) => onChange({ role: e.currentTarget.value as Profile["role"] })}
          >
            {fields.roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          How much of a full-time contract (1 = full time, 0.6 = three days in five)
          <input
            name="fte"
            type="number"
            min="0.05"
            max="1"
            step="0.05"
            required
            value={value.fte}
            onInput={(e) => onChange({ fte: Number(e.currentTarget.value) })}
          />
        </label>
        {fields.permanentUnits && (
          <label>
            Permanent units held
            <input
              name="permanentUnits"
              type="number"
              min="0"
              max="20"
              step="1"
              value={value.permanentUnits}
              onInput={(e) => onChange({ permanentUnits: Number(e.currentTarget.value) })}
            />
          </label>
        )}
      </div>
      <fieldset>
        <legend>The days you work</legend>
        <div class="wh-row">
          {DAYS.map(([day, name]) => (
            <label key={day} class="wh-choice">
              <input
                type="checkbox"
                name={`day-${day}`}
                checked={value.contractedDays.includes(day)}
                onChange={(e) =>
                  onChange({
                    contractedDays: e.currentTarget.checked
                      ? ([...value.contractedDays, day].sort() as Weekday[])
                      : value.contractedDays.filter((d) => d !== day),
                  })
                }
              />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
