/**
 * The pages' one door to the background: `client.request("profile/save", { profile })` sends a request of
 * the protocol in src/messages.ts and gives back its typed reply. A message that never gets an answer (the
 * worker stopped, the message too large for the browser) comes back as a reply that says so, never as a
 * thrown error.
 */
import type { Payload, ReplyTo, RequestType } from "../messages";
import { sendToBackground } from "../platform/extension";

export const NO_ANSWER =
  "Within Hours' background did not answer, so nothing was changed. Try again; if it keeps happening, restart the browser.";

export const client = {
  async request<T extends RequestType>(type: T, payload: Payload<T>): Promise<ReplyTo<T>> {
    try {
      const reply = await sendToBackground<ReplyTo<T> | undefined>({ ...payload, type });
      return reply ?? { ok: false, error: NO_ANSWER };
    } catch (error) {
      return { ok: false, error: noAnswerText(error) };
    }
  },
};

function noAnswerText(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return /message length exceeded|too large|exceeds/i.test(detail)
    ? "This is too large to hand to Within Hours' background in one message, so nothing was changed."
    : `${NO_ANSWER} (${detail})`;
}
