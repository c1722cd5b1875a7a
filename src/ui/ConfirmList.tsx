import { useState } from "preact/hooks";
import { ITEM_KINDS, KIND_NAMES, type ItemKind, type WorkItem } from "../model";
import { client } from "./client";
import { announce } from "./Announcer";
import { countedAsText, dayText, timeText } from "./format";

/**
 * "Please confirm": items the classifier was unsure of. Nothing is counted silently as directed or not;
 * the teacher decides, and may turn the answer into a rule for future imports.
 */
export function ConfirmList(props: { items: WorkItem[]; timeZone: string; total: number; level?: 2 | 3 }) {
  if (props.items.length === 0) return null;
  const Heading = props.level === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby="confirm-heading" class="wh-card">
      <Heading id="confirm-heading">Please confirm ({props.total})</Heading>
      <p class="wh-muted">
        We were not sure what these are. Your answer decides whether they count as directed time.
      </p>
      <ul class="wh-confirm">
        {props.items.map((item) => (
          <li key={item.id}>
            <div>
              <strong>{item.title || "(no title)"}</strong>{" "}
              <span class="wh-muted">
                {dayText(item.start, props.timeZone)} {timeText(item.start, props.timeZone)}
              </span>
            </div>
            <CorrectItem item={item} verb="Confirm" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Another kind or directed status for one item (the classifier's answer is only a suggestion), through the
 * same `items/confirm` as the confirm list: the answer holds for the unconfirmed items of its title family,
 * and "always" makes it a rule for titles like it. The outcome is said in the page's live region.
 */
export function CorrectItem({
  item,
  verb,
  onDone,
}: {
  item: WorkItem;
  verb: "Confirm" | "Save";
  onDone?: () => void;
}) {
  const [kind, setKind] = useState<ItemKind>(item.kind);
  const [directed, setDirected] = useState(item.directed);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = `correct-${item.id.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const title = item.title.trim() || "(no title)";

  async function save() {
    setBusy(true);
    setError(undefined);
    const reply = await client.request("items/confirm", {
      id: item.id,
      kind,
      directed,
      ...(remember ? { remember: item.title.trim().slice(0, 200) } : {}),
    });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    announce(
      `“${title}”: ${countedAsText(kind, directed)}${remember ? " Titles like it will be counted the same way." : ""}`,
    );
    onDone?.();
  }

  return (
    <div class="wh-correct">
      <div class="wh-row">
        <label for={`${id}-kind`}>
          Kind<span class="wh-sr"> of “{title}”</span>
        </label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as ItemKind)}>
          {ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k].label}
            </option>
          ))}
        </select>
        <label class="wh-check">
          <input type="checkbox" checked={directed} onChange={(e) => setDirected(e.currentTarget.checked)} />
          Directed time<span class="wh-sr"> for “{title}”</span>
        </label>
      </div>
      <div class="wh-row">
        <label class="wh-check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
          Always treat titles like “{title}” this way
        </label>
        <button type="button" disabled={busy} aria-label={`${verb} '${title}'`} onClick={() => void save()}>
          {verb}
        </button>
      </div>
      {error && (
        <p role="alert" class="wh-error">
          {error}
        </p>
      )}
    </div>
  );
}
