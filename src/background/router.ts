import type * as z from "zod";
import {
  CONTENT_SCRIPT_REQUESTS,
  requestSchemas,
  type Replies,
  type Reply,
  type Request,
  type RequestType,
} from "../messages";

/** What the background knows about who sent a message (from runtime.onMessage's sender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The tab and frame a content script wrote from (absent for extension pages). */
  tab?: { id?: number };
  frameId?: number;
}

export interface RouterIdentity {
  extensionId: string;
  /** "chrome-extension://<id>/" or "moz-extension://<uuid>/". */
  extensionOrigin: string;
}

/** One request's handler: it gets the validated request and answers with that request's typed reply. */
export type Handler<T extends RequestType> = (
  request: Request<T>,
  sender?: SenderInfo,
) => Promise<Replies[T]>;
export type HandlerMap = { [K in RequestType]: Handler<K> };

/** Teacher-readable refusal reasons; a forged or malformed message changes nothing. */
export const REFUSED = {
  foreign: "Refused: this message did not come from Within Hours.",
  notPage: "Refused: only the Within Hours pages may change your data.",
  unknown: "Refused: Within Hours does not know this request.",
} as const;

function isRequestType(type: unknown): type is RequestType {
  return typeof type === "string" && Object.hasOwn(requestSchemas, type);
}

/**
 * Checks the sender and the payload, then runs the one handler for the request type.
 * Pure apart from the handlers it is given, so the checks are unit-tested without a browser.
 */
export async function routeMessage(
  message: unknown,
  sender: SenderInfo,
  identity: RouterIdentity,
  handlers: HandlerMap,
): Promise<Reply> {
  if (sender.id !== identity.extensionId) return { ok: false, error: REFUSED.foreign };
  const type = (message as { type?: unknown } | null)?.type;
  if (!isRequestType(type)) return { ok: false, error: REFUSED.unknown };
  const fromExtensionPage = typeof sender.url === "string" && sender.url.startsWith(identity.extensionOrigin);
  if (!fromExtensionPage && !CONTENT_SCRIPT_REQUESTS.has(type)) return { ok: false, error: REFUSED.notPage };

  return await run(requestSchemas[type], type, message, sender, handlers);
}

/** Validate the payload against `schema`, then run the one handler for `type`. */
async function run(
  schema: { safeParse(data: unknown): z.ZodSafeParseResult<unknown> },
  type: RequestType,
  message: unknown,
  sender: SenderInfo,
  handlers: HandlerMap,
): Promise<Reply> {
  const parsed = schema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    return {
      ok: false,
      error: `Refused: the request was malformed${where}: ${issue?.message ?? "invalid"}.`,
    };
  }
  try {
    const handler = handlers[type] as Handler<typeof type>;
    const result = await handler(parsed.data as Request<typeof type>, sender);
    return { ok: true, ...result };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
