/**
 * How many send-log rows each mail tab may add per minute (SEND_LOG_LIMITS.perTabPerMinute). Pure: the
 * background keeps the counts in extension session storage, which content scripts cannot read or write,
 * and which outlives a stopped worker.
 */

/** Per tab: the minute (epoch ms / 60,000) its count is for, and the count. */
export type SendLogQuota = Record<string, { minute: number; count: number }>;

/** Whether one more row from `tab` fits, and the counts to keep; tabs from earlier minutes are dropped. */
export function admitSendRecord(
  quota: SendLogQuota,
  tab: string,
  now: number,
  perMinute: number,
): { admitted: boolean; quota: SendLogQuota } {
  const minute = Math.floor(now / 60_000);
  const kept: SendLogQuota = {};
  for (const [key, entry] of Object.entries(quota)) if (entry.minute === minute) kept[key] = entry;
  const count = kept[tab]?.count ?? 0;
  if (count >= perMinute) return { admitted: false, quota: kept };
  kept[tab] = { minute, count: count + 1 };
  return { admitted: true, quota: kept };
}
