import * as z from "zod";
import { COVER_REASONS, ITEM_KINDS } from "./item";
import { JURISDICTIONS, ROLES, SCHOOL_TYPES } from "./profile";
import { COVER_CHOICES, SEND_OUTCOMES, SOURCE_TYPES } from "./records";

/** Schemas for data that crosses a trust boundary: messages, imports, profile files. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-09-01");
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 08:30");
const weekday = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal(7),
]);

export const timeZoneSchema = z.string().refine(isKnownTimeZone, "a time zone name such as Europe/London");

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Training (INSET) days one academic year may hold: a school has a handful; past years' are pruned. */
export const MAX_TRAINING_DAYS = 30;

export const termSchema = z.object({ name: z.string().max(100), start: localDate, end: localDate });

const paramValue = z.union([z.number().min(-1e6).max(1e6), z.string().max(200), z.boolean()]);
/** Every rule's parameters, by rule id: a few dozen rules with a few parameters each. */
const overridesSchema = z
  .record(z.string().max(100), z.record(z.string().max(100), paramValue))
  .refine((o) => Object.keys(o).length <= 300, "at most 300 rules")
  .refine((o) => Object.values(o).every((p) => Object.keys(p).length <= 50), "at most 50 settings a rule");

export const profileSchema = z.object({
  jurisdiction: z.enum(JURISDICTIONS),
  role: z.enum(ROLES),
  /** Absent in profiles saved before it existed; read as the default (see rules' forceFor). */
  schoolType: z.enum(SCHOOL_TYPES).optional(),
  fte: z.number().gt(0).max(1),
  contractedDays: z.array(weekday).max(7),
  permanentUnits: z.number().int().min(0).max(20),
  schoolRoll: z.number().int().min(0).max(100_000).optional(),
  timeZone: timeZoneSchema,
  schoolDayStart: localTime,
  schoolDayEnd: localTime,
  sessionEnd: localTime.optional(),
  weekStart: weekday,
  cycleWeeks: z.union([z.literal(1), z.literal(2)]),
  academicYearStart: localDate,
  terms: z.array(termSchema).max(12),
  trainingDays: z.array(localDate).max(MAX_TRAINING_DAYS),
  unionOverlay: z.boolean(),
  localAgreement: z.string().max(100).optional(),
  overrides: overridesSchema,
  emailExceptions: z.array(z.string().max(320)).max(100),
});

/** The teacher's profile: which regime applies and the facts of their contract and school year. */
export type Profile = z.infer<typeof profileSchema>;

/** A profile file or form may leave out anything; defaults fill the rest. */
export const partialProfileSchema = profileSchema.partial().strict();

export const workItemSchema = z.object({
  id: z.string().min(1).max(4000),
  start: z.number().int(),
  end: z.number().int(),
  allDay: z.boolean().optional(),
  title: z.string().max(2000),
  location: z.string().max(2000).optional(),
  kind: z.enum(ITEM_KINDS),
  directed: z.boolean(),
  source: z.string().min(1).max(200),
  sourceUid: z.string().max(4000),
  confirmed: z.boolean(),
  confidence: z.number().min(0).max(1).optional(),
  firstSeen: z.number().int().optional(),
  coverReason: z.enum(COVER_REASONS).optional(),
});

export const sourceSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(SOURCE_TYPES),
  name: z.string().max(200),
  url: z.string().max(2000).optional(),
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(200).optional(),
  lastGoodAt: z.number().int().optional(),
  lastError: z.string().max(2000).optional(),
  lastErrorAt: z.number().int().optional(),
  itemCount: z.number().int().min(0).optional(),
});

/** Times and outcomes only: `.strict()` refuses a record that tries to carry a subject or address. */
export const sendRecordSchema = z
  .object({
    id: z.number().int().positive().optional(),
    at: z.number().int(),
    outcome: z.enum(SEND_OUTCOMES),
    site: z.string().max(50),
  })
  .strict();

export const coverDecisionSchema = z.object({
  id: z.number().int().positive().optional(),
  at: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  choice: z.enum(COVER_CHOICES),
  rules: z.array(z.string().max(100)).max(100),
});

export const classificationRuleSchema = z.object({
  id: z.number().int().positive().optional(),
  contains: z.string().min(1).max(200),
  kind: z.enum(ITEM_KINDS),
  directed: z.boolean(),
});
