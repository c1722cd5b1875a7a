import { createContext } from "preact";
import { useContext, useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { Profile } from "../model";
import { client } from "./client";
import { PART_LABEL, combineParts, type Parts } from "./save-all";
import type { Status } from "./StatusLine";

type PartId = keyof Parts;

/** What a section tells the Save bar: its unsaved value, what stops it being saved, and how to undo it. */
export interface SavePart<K extends PartId> {
  dirty: boolean;
  value: NonNullable<Parts[K]>;
  /** Problems that stop a save, in words; empty when it can be saved. */
  problems: () => string[];
  discard: () => void;
}

type AnyPart = { [K in PartId]: SavePart<K> }[PartId];

/** The sections' current drafts. The bar re-renders only when a section becomes dirty or clean. */
export class SaveRegistry {
  private parts = new Map<PartId, AnyPart>();
  private listeners = new Set<() => void>();

  set<K extends PartId>(id: K, part: SavePart<K>): void {
    const was = this.parts.get(id)?.dirty;
    this.parts.set(id, part as AnyPart);
    if (was !== part.dirty) this.notify();
  }

  remove(id: PartId): void {
    if (this.parts.delete(id)) this.notify();
  }

  dirtyParts(): [PartId, AnyPart][] {
    return [...this.parts].filter(([, p]) => p.dirty);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Submitting any section's form (Enter in a field) saves everything, as the Save button does. */
  requestSave: () => void = () => undefined;
}

export const SaveContext = createContext<SaveRegistry | undefined>(undefined);

/**
 * Registers a section's draft with the page's Save bar; returns props for the section's form, so Enter in a
 * field saves as the Save button does. Outside a settings page there is no bar and nothing registers.
 */
export function useSavePart<K extends PartId>(
  id: K,
  part: SavePart<K>,
): { onSubmit: (event: Event) => void; onKeyDown: (event: KeyboardEvent) => void } {
  const registry = useContext(SaveContext);
  // Registered as the render commits, not a frame later: Enter straight after typing saves what was typed.
  useLayoutEffect(() => {
    registry?.set(id, part);
  });
  useEffect(() => () => registry?.remove(id), [registry]);
  return {
    onSubmit: (event) => {
      event.preventDefault();
      registry?.requestSave();
    },
    onKeyDown: (event) => {
      const target = event.target as HTMLElement;
      if (event.key !== "Enter" || event.defaultPrevented || target.tagName !== "INPUT") return;
      const type = (target as HTMLInputElement).type;
      if (type === "checkbox" || type === "radio" || type === "file") return;
      event.preventDefault();
      registry?.requestSave();
    },
  };
}

/**
 * The one Save of the settings page: which sections have unsaved changes, Save and Discard, and the outcome
 * in a live region. Stays at the bottom of the window while there is something to save.
 */
export function SaveBar({ registry, profile }: { registry: SaveRegistry; profile: Profile }) {
  const [, setVersion] = useState(0);
  const [status, setStatus] = useState<Status>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => registry.subscribe(() => setVersion((v) => v + 1)), [registry]);
  const dirty = registry.dirtyParts();
  // Problems listed were for an earlier attempt; once nothing is unsaved they no longer apply. A "Saved"
  // outcome stays, with its time: a save's recount can briefly mark a section unsaved while it arrives.
  useEffect(() => {
    if (dirty.length === 0) setProblems([]);
  }, [dirty.length]);

  async function save() {
    const parts = registry.dirtyParts();
    if (parts.length === 0) return;
    const found = parts.flatMap(([id, part]) => part.problems().map((p) => `${PART_LABEL[id]}: ${p}`));
    setProblems(found);
    if (found.length > 0) {
      setStatus({ ok: false, text: "Nothing saved: correct the problems listed first." });
      return;
    }
    const values: Parts = Object.fromEntries(parts.map(([id, part]) => [id, part.value]));
    const { profile: payload, dropped } = combineParts(profile, values);
    setSaving(true);
    setStatus(undefined);
    const reply = await client.request("profile/save", { profile: payload });
    setSaving(false);
    if (!reply.ok) {
      setStatus({ ok: false, text: `Nothing saved. ${reply.error}` });
      return;
    }
    if (dropped.length > 0) parts.find(([id]) => id === "rules")?.[1].discard();
    setStatus({
      ok: true,
      text: `Saved at ${new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}. Your week has been recounted.${dropped.length > 0 ? ` Not kept: ${dropped.join("; ")}.` : ""}`,
    });
  }
  registry.requestSave = () => void save();

  return (
    <div class="wh-savebar" data-dirty={String(dirty.length > 0)} data-testid="save-bar">
      {problems.length > 0 && (
        <ul class="wh-error" role="alert" aria-label="Problems to correct before saving">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div class="wh-row">
        <span>
          {dirty.length > 0
            ? `Unsaved changes: ${dirty.map(([id]) => PART_LABEL[id]).join(", ")}.`
            : "No unsaved changes."}
        </span>
        <button
          type="button"
          class="wh-primary"
          disabled={dirty.length === 0 || saving}
          onClick={() => void save()}
        >
          {saving ? "Saving…" : "Save changes"}
        </button>
        <button
          type="button"
          disabled={dirty.length === 0 || saving}
          onClick={() => {
            setStatus({ ok: true, text: "Changes discarded." });
            setProblems([]);
            for (const [, part] of registry.dirtyParts()) part.discard();
          }}
        >
          Discard changes
        </button>
        <span role="status" class={status?.ok === false ? "wh-error" : "wh-ok"} data-testid="save-status">
          {status?.text ?? ""}
        </span>
      </div>
    </div>
  );
}
