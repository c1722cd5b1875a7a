/**
 * How much of each per-event table is kept: at most `cap` rows, none older than `retentionDays` before the
 * newest. Applied on every write (src/store/repo.ts) and shown in the options page.
 */
export interface EventTableLimit {
  /** What one row is, for the options page. */
  label: string;
  /** The indexed time a row's age is read from. */
  timeIndex: "at" | "start";
  cap: number;
  retentionDays: number;
}

import { SEND_LOG_LIMITS } from "../model/records";

export const EVENT_TABLE_LIMITS = {
  sendLog: {
    label: "Emails the guard saw (time and outcome only)",
    timeIndex: "at",
    cap: SEND_LOG_LIMITS.maxRows,
    retentionDays: SEND_LOG_LIMITS.keepDays,
  },
  coverDecisions: {
    label: "Cover requests and your answers",
    timeIndex: "start",
    cap: 5_000,
    retentionDays: 800,
  },
} as const satisfies Record<string, EventTableLimit>;

export type EventTableName = keyof typeof EVENT_TABLE_LIMITS;

export const DAY_MS = 86_400_000;
