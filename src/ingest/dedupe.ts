import type { WorkItem } from "../model";

/**
 * The same event arriving from two sources (a calendar added as a file and as a feed, a timetable in two
 * exports) counts once. Two items from different sources are the same event when they share a UID and a start,
 * or a start, an end and a title that match once case, spacing and punctuation are set aside. Items of one
 * source are never merged: a source's own repeats are its own business.
 */
export interface SourceOverlap {
  /** The source whose copy counts. */
  kept: string;
  /** The source whose copy was left out. */
  dropped: string;
  /** How many items the two share. */
  count: number;
}

/**
 * `items` with each event counted once. Of two copies the one from the source earlier in `precedence` counts
 * (the teacher's choice, else the order the sources were added); sources not listed come after, by id.
 */
export function dedupeAcrossSources(
  items: readonly WorkItem[],
  precedence: readonly string[] = [],
): { items: WorkItem[]; overlaps: SourceOverlap[] } {
  const sources = new Set(items.map((item) => item.source));
  if (sources.size < 2) return { items: [...items], overlaps: [] };
  const rank = new Map<string, number>();
  for (const source of precedence) if (!rank.has(source)) rank.set(source, rank.size);
  for (const source of [...sources].sort()) if (!rank.has(source)) rank.set(source, rank.size);
  const ordered = [...items].sort((a, b) => rank.get(a.source)! - rank.get(b.source)!);

  // Each key names the source whose item holds it; a later source's item with a key already held is a copy.
  const byUid = new Map<string, string>();
  const byTimes = new Map<string, string>();
  const kept = new Set<WorkItem>();
  const overlaps = new Map<string, SourceOverlap>();
  for (const item of ordered) {
    const uidKey = `${item.sourceUid}\u0000${item.start}`;
    const timesKey = `${item.start}\u0000${item.end}\u0000${normalTitle(item.title)}`;
    const holder = otherSource(byUid.get(uidKey), item) ?? otherSource(byTimes.get(timesKey), item);
    if (holder) {
      const pair = `${holder}\u0000${item.source}`;
      const overlap = overlaps.get(pair) ?? { kept: holder, dropped: item.source, count: 0 };
      overlap.count++;
      overlaps.set(pair, overlap);
      continue;
    }
    kept.add(item);
    if (!byUid.has(uidKey)) byUid.set(uidKey, item.source);
    if (!byTimes.has(timesKey)) byTimes.set(timesKey, item.source);
  }
  return { items: items.filter((item) => kept.has(item)), overlaps: [...overlaps.values()] };
}

function otherSource(holder: string | undefined, item: WorkItem): string | undefined {
  return holder !== undefined && holder !== item.source ? holder : undefined;
}

function normalTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
