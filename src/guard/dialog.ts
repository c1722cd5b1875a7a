/**
 * The in-page warning: a shadow-DOM alert dialog built with DOM APIs only (never from HTML strings), so the page's
 * styles cannot reach it and no page text is ever parsed as markup. Focus stays inside; Esc cancels; keys
 * pressed in it never reach the page (Gmail's shortcuts would otherwise act on them).
 */
import { KEEP_EDITING, SEND_NOW, SNOOZE_LABEL, TITLE } from "./text";
import { HOST_TAG } from "./send-watcher";

export { HOST_TAG };

export type GuardChoice = "schedule" | "send" | "cancel";

export interface DialogOptions {
  message: string;
  /** "Schedule for Wednesday 08:00", or null when no allowed time is known. */
  scheduleLabel: string | null;
  onChoice(choice: GuardChoice, snooze: boolean): void;
}

export interface GuardDialog {
  host: HTMLElement;
  /** False once closed, or once removed from the page by anyone else. */
  readonly open: boolean;
  /** Replace the choices with an explanation and a single OK (or Esc) that calls `done`. */
  explain(text: string, done: () => void): void;
  close(): void;
}

const CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.35);
  display: flex; align-items: center; justify-content: center; font: 15px/1.45 system-ui, sans-serif; }
.box { background: #fff; color: #1b1b1b; max-width: 30rem; margin: 1rem; padding: 1.25rem 1.5rem;
  border-radius: 10px; box-shadow: 0 8px 30px rgba(0,0,0,.3); }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
p { margin: 0 0 .75rem; }
label { display: flex; gap: .5rem; align-items: center; margin: 0 0 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid #5a5a5a;
  background: #fff; color: #1b1b1b; cursor: pointer; }
button.primary { background: #1a5fb4; border-color: #1a5fb4; color: #fff; }
button:focus-visible, input:focus-visible { outline: 3px solid #e5a50a; outline-offset: 2px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

interface Frame extends GuardDialog {
  root: ShadowRoot;
  box: HTMLElement;
  message: HTMLElement;
  actions: HTMLElement;
  /** What Esc does. */
  onEscape: () => void;
  /** Put the frame in the page and focus its first button. */
  show(): void;
}

/** The modal shell both dialogs share: title, message, a row of buttons, focus kept inside. */
function frame(doc: Document, title: string, text: string): Frame {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: "open" });
  const style = el(doc, "style", {}, CSS);
  const backdrop = el(doc, "div", { class: "backdrop" });
  const box = el(doc, "div", {
    class: "box",
    role: "alertdialog",
    "aria-modal": "true",
    "aria-labelledby": "wh-title",
    "aria-describedby": "wh-message",
  });
  const message = el(doc, "p", { id: "wh-message" }, text);
  const actions = el(doc, "div", { class: "actions" });
  box.append(el(doc, "h2", { id: "wh-title" }, title), message, actions);
  backdrop.append(box);
  root.append(style, backdrop);

  const focusables = () => [...box.querySelectorAll<HTMLElement>("button, input")];
  const firstButton = () => actions.querySelector("button");
  // Focus that leaves the dialog (a click on the backdrop, the page moving focus) is brought back, for as
  // long as the dialog is in the page: one removed by someone else lets go.
  const holdFocus = (e: FocusEvent) => {
    if (!host.isConnected) doc.removeEventListener("focusin", holdFocus, true);
    else if (!e.composedPath().includes(host)) firstButton()?.focus();
  };
  let closed = false;
  const shell: Frame = {
    host,
    root,
    box,
    message,
    actions,
    onEscape: () => undefined,
    get open() {
      return !closed && host.isConnected;
    },
    explain(text, done) {
      message.textContent = text;
      box.querySelector("label")?.remove();
      const ok = el(doc, "button", { type: "button", class: "primary" }, "OK");
      ok.addEventListener("click", done);
      shell.onEscape = done;
      actions.replaceChildren(ok);
      ok.focus();
    },
    close() {
      closed = true;
      doc.removeEventListener("focusin", holdFocus, true);
      host.remove();
    },
    show() {
      doc.addEventListener("focusin", holdFocus, true);
      doc.documentElement.append(host);
      firstButton()?.focus();
    },
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      shell.onEscape();
    } else if (e.key === "Tab") {
      const items = focusables();
      const at = items.indexOf(root.activeElement as HTMLElement);
      const next = (at + (e.shiftKey ? -1 : 1) + items.length) % items.length;
      e.preventDefault();
      items[next]?.focus();
    }
    e.stopPropagation();
  };
  const swallow = (e: Event) => e.stopPropagation();
  root.addEventListener("keydown", onKey as EventListener);
  root.addEventListener("keyup", swallow);
  root.addEventListener("keypress", swallow);
  return shell;
}

export function openDialog(doc: Document, options: DialogOptions): GuardDialog {
  const shell = frame(doc, TITLE, options.message);
  const label = el(doc, "label");
  const snooze = el(doc, "input", { type: "checkbox" });
  label.append(snooze, doc.createTextNode(SNOOZE_LABEL));
  shell.box.insertBefore(label, shell.actions);

  const choose = (choice: GuardChoice) => {
    if (shell.open) options.onChoice(choice, snooze.checked);
  };
  shell.onEscape = () => choose("cancel");
  const button = (text: string, choice: GuardChoice, primary = false) => {
    const b = el(doc, "button", { type: "button", class: primary ? "primary" : "" }, text);
    b.addEventListener("click", () => choose(choice));
    return b;
  };
  if (options.scheduleLabel) shell.actions.append(button(options.scheduleLabel, "schedule", true));
  shell.actions.append(button(SEND_NOW, "send", !options.scheduleLabel), button(KEEP_EDITING, "cancel"));
  shell.show();
  return shell;
}

/** A modal message with a single OK (or Esc) that calls `done`. */
export function openNotice(doc: Document, title: string, text: string, done: () => void): GuardDialog {
  const shell = frame(doc, title, text);
  shell.explain(text, done);
  shell.show();
  return shell;
}

/** A short, non-modal note (role="status") that removes itself, e.g. after opening the site's scheduler. */
export function showNote(doc: Document, text: string, ms = 10_000): HTMLElement {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: "open" });
  const note = el(doc, "div", { role: "status" }, text);
  note.style.cssText =
    "position:fixed;bottom:1.5rem;left:50%;transform:translateX(-50%);z-index:2147483647;background:#1b1b1b;" +
    "color:#fff;padding:.6rem 1rem;border-radius:8px;font:15px/1.4 system-ui,sans-serif";
  root.append(note);
  doc.documentElement.append(host);
  setTimeout(() => host.remove(), ms);
  return host;
}
