/**
 * The cover banner: beside an opened email that asks the teacher to cover, the same verdict as the popup's
 * "Check a cover", with "Log this cover". Runs in the mail page's content-script world, attached with the
 * send guard once the page has loaded. An opened message costs one regular-expression test of its text;
 * only a message that passes it is parsed, and only the cover's time, class code and reason category leave
 * the page (never the body, never a name or the reason in words).
 */
import { sendMessage } from "../platform/content-runtime";
import { mightBeCoverRequest, parseCoverRequest, type CoverRequest } from "../ingest/cover-request";
import { FORCE_LABEL } from "../model/finding";
import type { Replies } from "../messages";

/** Where each mail site puts an opened message's body. */
export const MESSAGE_BODIES = {
  // Gmail's message body in the conversation view (InboxSDK dom-driver/gmail: `.a3s`).
  gmail: "div.a3s",
  // Outlook on the web's reading pane.
  outlook: 'div[aria-label="Message body"]',
} as const;

/** The opened conversation's subject, which cover slips often use for the word "cover". */
const SUBJECTS: Record<keyof typeof MESSAGE_BODIES, string> = {
  gmail: "h2.hP",
  outlook: '[role="heading"][aria-level="2"]',
};

export type BannerSite = keyof typeof MESSAGE_BODIES;

type VerdictReply = { ok: boolean; error?: string } & Partial<Replies["cover/verdict"]>;

const HEADLINE = {
  breach: "This cover may break a rule: log it and raise it with your rep or line manager.",
  warning: "Cover should be rare: log it, and keep a note.",
  ok: "Nothing in this cover breaks a rule.",
} as const;

/** Watches the page for opened messages; returns the function that stops watching. */
export function watchCoverRequests(site: BannerSite, doc: Document = document): () => void {
  const seen = new WeakSet<Element>();
  const selector = MESSAGE_BODIES[site];
  let queued = false;
  const scan = () => {
    queued = false;
    for (const body of doc.querySelectorAll(selector)) {
      if (seen.has(body)) continue;
      seen.add(body);
      const subject = doc.querySelector(SUBJECTS[site])?.textContent ?? "";
      const text = `${subject}\n${body.textContent ?? ""}`;
      if (!mightBeCoverRequest(text)) continue;
      // innerText keeps the message's lines, which slips and daily summaries need.
      const lines = (body as HTMLElement).innerText;
      const covers = parseCoverRequest(lines ? `${subject}\n${lines}` : text, localToday());
      if (covers.length > 0) void showBanner(body, covers);
    }
  };
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(scan, 150);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  scan();
  return () => observer.disconnect();
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function coverFields(c: CoverRequest) {
  return {
    date: c.date,
    ...(c.start && c.end ? { from: c.start, to: c.end } : { period: c.period }),
    classCode: c.classCode,
    reason: c.reason,
    requestedAt: Date.now(),
  };
}

async function showBanner(body: Element, covers: CoverRequest[]): Promise<void> {
  const doc = body.ownerDocument;
  const banner = doc.createElement("div");
  banner.setAttribute("data-within-hours", "cover-banner");
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-label", "Within Hours: cover check");
  banner.style.cssText =
    "font:13px/1.4 system-ui,sans-serif;border:1px solid #888;border-radius:6px;padding:8px 10px;margin:6px 0;background:#f4f5f7;color:#1b1b1f;max-width:720px";
  body.parentElement?.insertBefore(banner, body);
  for (const cover of covers) {
    const row = doc.createElement("div");
    row.setAttribute("data-cover-class", cover.classCode);
    banner.append(row);
    row.textContent = `Within Hours is checking the cover of ${cover.classCode} on ${cover.date}…`;
    let reply: VerdictReply;
    try {
      reply = await sendMessage<VerdictReply>({ type: "cover/verdict", ...coverFields(cover) });
    } catch {
      row.textContent = "Within Hours could not check this cover.";
      continue;
    }
    renderVerdict(row, cover, reply);
  }
}

function renderVerdict(row: HTMLElement, cover: CoverRequest, reply: VerdictReply): void {
  const doc = row.ownerDocument;
  row.textContent = "";
  if (!reply.ok || !reply.verdict) {
    row.textContent = `Within Hours could not check the cover of ${cover.classCode}: ${reply.error ?? "no answer"}`;
    return;
  }
  const v = reply.verdict;
  row.setAttribute("data-severity", v.severity);
  const head = doc.createElement("strong");
  head.style.color = v.severity === "breach" ? "#b3261e" : v.severity === "warning" ? "#8a5a00" : "#1f6f3a";
  head.textContent = `Cover ${cover.classCode}, ${cover.date}: ${HEADLINE[v.severity]}`;
  row.append(head);
  const list = doc.createElement("ul");
  list.style.cssText = "margin:4px 0;padding-left:18px";
  for (const f of v.findings) {
    const li = doc.createElement("li");
    li.setAttribute("data-rule", f.rule);
    li.textContent = `${f.message.split(" Source: ")[0]} (${f.rule}; ${FORCE_LABEL[f.force]}; ${f.source})`;
    list.append(li);
  }
  row.append(list);
  const facts = doc.createElement("div");
  facts.textContent = v.reasons.slice(v.findings.length).join(" ");
  row.append(facts);
  const log = doc.createElement("button");
  log.type = "button";
  log.textContent = "Log this cover";
  log.addEventListener("click", () => {
    log.disabled = true;
    void sendMessage<{ ok: boolean; error?: string }>({ type: "cover/log", ...coverFields(cover) })
      .then((r) => (log.textContent = r?.ok ? "Logged" : `Not logged: ${r?.error ?? "no answer"}`))
      .catch(() => (log.textContent = "Not logged"));
  });
  row.append(log);
}
