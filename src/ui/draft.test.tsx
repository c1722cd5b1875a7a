// @vitest-environment happy-dom
import { render } from "preact";
import { act } from "preact/test-utils";
import { describe, expect, it } from "vitest";
import { rebaseDraft, useDraft, type Draft } from "./draft";

describe("rebaseDraft", () => {
  it("keeps the fields the teacher changed and takes the new saved value for the rest", () => {
    const base = { fte: 1, role: "classroom", trainingDays: ["2026-09-01"] };
    const draft = { ...base, fte: 0.6 };
    const saved = { ...base, trainingDays: ["2026-09-01", "2027-01-04"] };
    expect(rebaseDraft(base, draft, saved)).toEqual({
      fte: 0.6,
      role: "classroom",
      trainingDays: ["2026-09-01", "2027-01-04"],
    });
  });

  it("compares nested fields by content, not identity", () => {
    const base = { terms: [{ name: "Autumn" }] };
    const draft = { terms: [{ name: "Autumn" }] };
    const saved = { terms: [{ name: "Autumn 1" }] };
    expect(rebaseDraft(base, draft, saved)).toEqual(saved);
  });
});

describe("useDraft", () => {
  type Fields = { fte: number; trainingDays: string[] };
  let form: Draft<Fields> | undefined;
  function Form({ saved }: { saved: Fields }) {
    form = useDraft(saved);
    return <output>{JSON.stringify(form.value)}</output>;
  }
  const host = () => document.createElement("div");

  it("keeps an unsaved edit through a recount and a changed saved value", () => {
    const root = host();
    const saved: Fields = { fte: 1, trainingDays: [] };
    act(() => render(<Form saved={saved} />, root));
    act(() => form!.update({ fte: 0.5 }));
    expect(form!.dirty).toBe(true);

    // A recount: the same content in a new object.
    act(() => render(<Form saved={{ fte: 1, trainingDays: [] }} />, root));
    expect(form!.value).toEqual({ fte: 0.5, trainingDays: [] });

    // An import added a training day: it shows, and the typed FTE stays.
    act(() => render(<Form saved={{ fte: 1, trainingDays: ["2026-10-23"] }} />, root));
    expect(form!.value).toEqual({ fte: 0.5, trainingDays: ["2026-10-23"] });
    expect(form!.dirty).toBe(true);

    // Saved: the draft now matches what is stored.
    act(() => render(<Form saved={{ fte: 0.5, trainingDays: ["2026-10-23"] }} />, root));
    expect(form!.dirty).toBe(false);

    act(() => form!.update({ fte: 0.8 }));
    act(() => form!.discard());
    expect(form!.value).toEqual({ fte: 0.5, trainingDays: ["2026-10-23"] });
    render(null, root);
  });
});
