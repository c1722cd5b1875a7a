import type { EventProperties } from "./jcal";

/**
 * Of several versions of one event (the same UID, and the same RECURRENCE-ID or none), the one that counts:
 * the highest SEQUENCE, then the latest DTSTAMP (RFC 5545 3.8.7.4). Versions that tie on both yet disagree
 * cannot be told apart: the last in the file is kept (a feed that appends revisions puts the newest last), and
 * `undecided` says so, so that the teacher is told. Versions that agree are one event written twice.
 */
export function latestRevision(versions: readonly EventProperties[]): {
  chosen: EventProperties;
  undecided: boolean;
} {
  let chosen = versions[0]!;
  for (const version of versions.slice(1)) {
    if (compareRevisions(version, chosen) >= 0) chosen = version;
  }
  const rivals = versions.filter((v) => v !== chosen && compareRevisions(v, chosen) === 0);
  const content = contentOf(chosen);
  return { chosen, undecided: rivals.some((v) => contentOf(v) !== content) };
}

function compareRevisions(a: EventProperties, b: EventProperties): number {
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  const stampA = a.dtstamp ?? "";
  const stampB = b.dtstamp ?? "";
  return stampA < stampB ? -1 : stampA > stampB ? 1 : 0;
}

/** What an occurrence's count and times depend on. */
function contentOf(event: EventProperties): string {
  return JSON.stringify([
    event.status,
    event.summary,
    event.location,
    event.duration,
    event.dtstart,
    event.dtend,
    event.rrules,
    event.rdates,
    event.exdates,
  ]);
}
