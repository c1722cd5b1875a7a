import { z } from "zod";
import { ITEM_KINDS } from "./item";
import { JURISDICTIONS, ROLES } from "./profile";

/** Schemas for data that crosses a trust boundary: messages, imports, profile files. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-09-01");
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 08:30");
const weekday = z.union([1, 2, 3, 4, 5, 6, 7].map((n) => z.literal(n)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]]);

export const timeZoneSchema = z.string().refine(isKnownTimeZone, "a time zone name such as Europe/London");

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const termSchema = z.object({ name: z.string().max(100), start: localDate, end: localDate });

const paramValue = z.union([z.number(), z.string().max(200), z.boolean()]);

export const profileSchema = z.object({
  jurisdiction: z.enum(JURISDICTIONS),
  role: z.enum(ROLES),
  fte: z.number().gt(0).max(1),
  contractedDays: z.array(weekday).max(7),
  permanentUnits: z.number().int().min(0).max(20),
  schoolRoll: z.number().int().min(0).optional(),
  timeZone: timeZoneSchema,
  schoolDayStart: localTime,
  schoolDayEnd: localTime,
  weekStart: weekday,
  cycleWeeks: z.union([z.literal(1), z.literal(2)]),
  academicYearStart: localDate,
  terms: z.array(termSchema).max(12),
  trainingDays: z.array(localDate).max(30),
  unionOverlay: z.boolean(),
  localAgreement: z.string().max(100).optional(),
  overrides: z.record(z.string().max(100), z.record(z.string().max(100), paramValue)),
  emailExceptions: z.array(z.string().max(320)).max(100),
});

/** A profile file or form may leave out anything; defaults fill the rest. */
export const partialProfileSchema = profileSchema.partial().strict();

export const workItemSchema = z.object({
  id: z.string().min(1).max(1000),
  start: z.number().int(),
  end: z.number().int(),
  allDay: z.boolean().optional(),
  title: z.string().max(2000),
  location: z.string().max(2000).optional(),
  kind: z.enum(ITEM_KINDS),
  directed: z.boolean(),
  source: z.string().min(1).max(200),
  sourceUid: z.string().max(1000),
  confirmed: z.boolean(),
  confidence: z.number().min(0).max(1).optional(),
  firstSeen: z.number().int().optional(),
});
