import { DateTime } from "luxon";
import type { ItemKind, Profile, WorkItem } from "../src/model";
import { profileWithDefaults } from "../src/rules/profile-defaults";
import { DIRECTED_BY_DEFAULT } from "../src/model";

/** Builders for hand-worked test cases: items in local wall-clock time of a zone. Used by tests and the bench. */
export function localInstant(zone: string, local: string): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad local time ${local}`);
  return dt.toMillis();
}

let counter = 0;

export function makeItem(
  zone: string,
  kind: ItemKind,
  date: string,
  from: string,
  to: string,
  extra: Partial<WorkItem> = {},
): WorkItem {
  counter++;
  return {
    id: extra.id ?? `${kind}-${date}-${from}-${counter}`,
    start: localInstant(zone, `${date}T${from}`),
    end: localInstant(zone, `${date}T${to}`),
    title: extra.title ?? kind,
    kind,
    directed: extra.directed ?? DIRECTED_BY_DEFAULT.has(kind),
    source: extra.source ?? "test",
    sourceUid: extra.sourceUid ?? String(counter),
    confirmed: extra.confirmed ?? true,
    ...extra,
  };
}

export function makeProfile(partial: Partial<Profile>): Profile {
  return profileWithDefaults(partial, partial.academicYearStart ?? "2025-09-01");
}
