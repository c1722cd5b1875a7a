/** Small DOM helpers the readers share (they work on a browser Document and on happy-dom's alike). */

/** Visible text with runs of white space made one space. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** A login form, or a page with nothing but a password box: the session has ended. */
export function looksLikeLogin(doc: Document): boolean {
  return doc.querySelector('input[type="password"]') !== null;
}

/** HTML where JSON was expected: an app shell sent back for an expired session. */
export function isHtmlText(value: unknown): boolean {
  return typeof value === "string" && /^\s*(<!doctype|<html|<head|<body)/i.test(value);
}
