import * as z from "zod";
import { coverDecisionSchema, workItemSchema } from "../model/schema";

/**
 * What a stored row must satisfy. Writes and backup imports check the same rules, so anything the store
 * holds can be exported and imported back.
 */
const notBefore = (row: { start: number; end: number }) => row.end >= row.start;
// Read with the field name: "item 12: end is before start".
const endBeforeStart = { message: "is before start", path: ["end"] };

export const itemRowSchema = workItemSchema.refine(notBefore, endBeforeStart);
export const coverDecisionRowSchema = coverDecisionSchema.refine(notBefore, endBeforeStart);

/** "end is before start", "kind is missing": the first problem with a row, in plain words. */
export function describeIssue(issue: z.core.$ZodIssue, skip = 0): string {
  const path = issue.path.slice(skip);
  const field = path.length > 0 ? path.map(String).join(".") : "it";
  return `${field} ${describeProblem(issue)}`;
}

function describeProblem(issue: z.core.$ZodIssue): string {
  if (issue.code !== "custom" && issue.input === undefined) return "is missing";
  switch (issue.code) {
    case "custom":
      return issue.message;
    case "invalid_type":
      return "has the wrong kind of value";
    case "invalid_value":
      return "has a value Within Hours does not recognise";
    case "too_small":
    case "too_big":
      return "is out of range";
    case "invalid_format":
      return "is not in the expected format";
    case "unrecognized_keys":
      return "has fields Within Hours does not recognise";
    default:
      return "is not valid";
  }
}
