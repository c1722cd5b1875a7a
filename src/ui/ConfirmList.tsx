import { useState } from "preact/hooks";
import { ITEM_KINDS, KIND_NAMES, type ItemKind, type WorkItem } from "../model";
import { client } from "./client";
import { dayText, timeText } from "./format";

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
          <ConfirmRow key={item.id} item={item} timeZone={props.timeZone} />
        ))}
      </ul>
    </section>
  );
}

function ConfirmRow({ item, timeZone }: { item: WorkItem; timeZone: string }) {
  const [kind, setKind] = useState<ItemKind>(item.kind);
  const [directed, setDirected] = useState(item.directed);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string>();
  const id = `confirm-${item.id.replace(/[^a-zA-Z0-9_-]/g, "_")}`;

  async function confirm() {
    const reply = await client.request("items/confirm", {
      id: item.id,
      kind,
      directed,
      ...(remember ? { remember: item.title.trim().slice(0, 200) } : {}),
    });
    if (!reply.ok) setError(reply.error);
  }

  return (
    <li>
      <div>
        <strong>{item.title || "(no title)"}</strong>{" "}
        <span class="wh-muted">
          {dayText(item.start, timeZone)} {timeText(item.start, timeZone)}
        </span>
      </div>
      <div class="wh-row">
        <label for={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as ItemKind)}>
          {ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k].label}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={directed} onChange={(e) => setDirected(e.currentTarget.checked)} />{" "}
          Directed time
        </label>
      </div>
      <div class="wh-row">
        <label>
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />{" "}
          Always treat “{item.title}” like this
        </label>
        <button type="button" onClick={confirm}>
          Confirm
        </button>
      </div>
      {error && (
        <p role="alert" class="wh-error">
          {error}
        </p>
      )}
    </li>
  );
}
