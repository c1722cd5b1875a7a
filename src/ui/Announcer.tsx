import { useEffect, useState } from "preact/hooks";

let listener: ((text: string) => void) | undefined;

/** Say the outcome of an action in the page's one polite live region (and show it there). */
export function announce(text: string): void {
  listener?.(text);
}

/**
 * The page's polite live region: "Counted as a meeting, directed." The row that was corrected may leave the
 * list, so the outcome is said here, outside it.
 */
export function Announcer() {
  const [text, setText] = useState("");
  useEffect(() => {
    listener = setText;
    return () => {
      if (listener === setText) listener = undefined;
    };
  }, []);
  return (
    <p role="status" aria-live="polite" class="wh-ok wh-announce" data-testid="announce">
      {text}
    </p>
  );
}
