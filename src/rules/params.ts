import type { ParamValue } from "../model";

/**
 * Typed rule parameters. A rule declares each parameter once, with its type and default; the values a local
 * agreement or the teacher set are coerced once, here, and a key the rule does not have is refused with a
 * message the options page shows (a misspelt key would otherwise be ignored without a word).
 */
export type ParamSpec =
  | { type: "number"; default: number; min?: number; max?: number }
  | { type: "text"; default: string }
  | { type: "time"; default: string }
  | { type: "boolean"; default: boolean }
  | { type: "choice"; default: string; options: readonly string[] };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

type ValueOf<S extends ParamSpec> = S extends { type: "number" }
  ? number
  : S extends { type: "boolean" }
    ? boolean
    : string;

/** Effective values of a rule's parameters; `enabled` is every rule's switch. */
export type Values<P extends ParamSpecs> = { readonly [K in keyof P]: ValueOf<P[K]> } & {
  readonly enabled: boolean;
};

type NumberSpec = Extract<ParamSpec, { type: "number" }>;

/** Builders that keep each parameter's type, so a check reads `r.params.maxMinutes` as a number. */
export const p = {
  number: (value: number, range: { min?: number; max?: number } = {}): NumberSpec => ({
    type: "number",
    default: value,
    min: range.min ?? 0,
    ...(range.max !== undefined ? { max: range.max } : {}),
  }),
  text: (value: string) => ({ type: "text", default: value }) as const satisfies ParamSpec,
  clock: (value: string) => ({ type: "time", default: value }) as const satisfies ParamSpec,
  yesNo: (value: boolean) => ({ type: "boolean", default: value }) as const satisfies ParamSpec,
  oneOf: (value: string, options: readonly string[]) =>
    ({ type: "choice", default: value, options }) as const satisfies ParamSpec,
};

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One value coerced to its parameter's type, or a message saying why it cannot be. */
export function coerce(
  spec: ParamSpec,
  raw: ParamValue,
): { ok: true; value: ParamValue } | { ok: false; why: string } {
  switch (spec.type) {
    case "number": {
      const n =
        typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { ok: false, why: "is not a number" };
      if (spec.min !== undefined && n < spec.min) return { ok: false, why: `is below ${spec.min}` };
      if (spec.max !== undefined && n > spec.max) return { ok: false, why: `is above ${spec.max}` };
      return { ok: true, value: n };
    }
    case "boolean":
      if (typeof raw === "boolean") return { ok: true, value: raw };
      if (raw === "true" || raw === 1) return { ok: true, value: true };
      if (raw === "false" || raw === 0) return { ok: true, value: false };
      return { ok: false, why: "is not yes or no" };
    case "time":
      return typeof raw === "string" && HM.test(raw)
        ? { ok: true, value: raw }
        : { ok: false, why: "is not a time like 17:30" };
    case "text":
      return { ok: true, value: String(raw) };
    case "choice":
      return spec.options.includes(String(raw))
        ? { ok: true, value: String(raw) }
        : { ok: false, why: `is not one of ${spec.options.map((o) => `“${o}”`).join(", ")}` };
  }
}

/** A rule's parameters as the resolver sees them: declared keys, plus open families such as "hours.<category>". */
export interface ParamShape {
  params: ParamSpecs;
  /** Key prefixes the rule accepts with any suffix (Scotland's collegiate categories). */
  open?: Readonly<Record<string, ParamSpec>>;
}

const ENABLED: ParamSpec = { type: "boolean", default: true };

export function specFor(shape: ParamShape, key: string): ParamSpec | undefined {
  if (key === "enabled") return shape.params.enabled ?? ENABLED;
  const own = shape.params[key];
  if (own) return own;
  for (const [prefix, spec] of Object.entries(shape.open ?? {})) if (key.startsWith(prefix)) return spec;
  return undefined;
}

export function defaultsOf(shape: ParamShape): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = { enabled: (shape.params.enabled ?? ENABLED).default };
  for (const [key, spec] of Object.entries(shape.params)) out[key] = spec.default;
  return out;
}

export interface ParamProblem {
  key: string;
  /** Plain words for the options page. */
  message: string;
}

/**
 * Defaults, then each layer of overrides in order (a local agreement, then the teacher's), coerced. A value
 * that does not fit keeps what was there before it; a key the rule does not have is left out. Both are
 * reported.
 */
export function resolveParams(
  shape: ParamShape,
  layers: readonly (Readonly<Record<string, ParamValue>> | undefined)[],
): { values: Record<string, ParamValue>; problems: ParamProblem[] } {
  const values = defaultsOf(shape);
  const problems: ParamProblem[] = [];
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, raw] of Object.entries(layer)) {
      const spec = specFor(shape, key);
      if (!spec) {
        const near = nearestKey(shape, key);
        problems.push({
          key,
          message: `“${key}” is not a setting of this rule${near ? ` (did you mean “${near}”?)` : ""}; it is ignored.`,
        });
        continue;
      }
      const c = coerce(spec, raw);
      if (c.ok) values[key] = c.value;
      else
        problems.push({
          key,
          message: `“${key}” ${c.why}; ${JSON.stringify(values[key] ?? spec.default)} is used.`,
        });
    }
  }
  return { values, problems };
}

function nearestKey(shape: ParamShape, key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of Object.keys(shape.params)) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Entries of an open family ("hours." → { "parents-meetings": 21 }). */
export function family(values: Readonly<Record<string, ParamValue>>, prefix: string): [string, ParamValue][] {
  return Object.entries(values)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => [k.slice(prefix.length), v]);
}
