import { termsIn } from "./glossary";

/** "What these words mean": the glossary entries the text on this page uses, once each. */
export function Glossary({ text }: { text: string }) {
  const entries = termsIn(text);
  if (entries.length === 0) return null;
  return (
    <details class="wh-glossary" data-testid="glossary">
      <summary>What these words mean</summary>
      <dl>
        {entries.map((e) => (
          <div key={e.term}>
            <dt>{e.term}</dt>
            <dd>{e.meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
