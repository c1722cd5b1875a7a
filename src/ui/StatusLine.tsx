import type { Reply } from "../messages";

/** The outcome of a teacher's action, said in words: green when it worked, red with the reason when not. */
export interface Status {
  ok: boolean;
  text: string;
}

export function statusOf(reply: Reply<object>, okText: string): Status {
  return reply.ok ? { ok: true, text: okText } : { ok: false, text: reply.error };
}

/** A live region, so screen readers announce the outcome too. */
export function StatusLine({ status, testId, block }: { status?: Status; testId?: string; block?: boolean }) {
  if (!status) return null;
  const Tag = block ? "p" : "span";
  return (
    <Tag role="status" class={status.ok ? "wh-ok" : "wh-error"} data-testid={testId}>
      {status.text}
    </Tag>
  );
}
