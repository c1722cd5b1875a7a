import { useEffect, useState } from "preact/hooks";

/**
 * A list edited as text, one entry a line. What the teacher types stays as typed (a new empty line, a half
 * typed word) while the list it reads as goes to `onChange`; a new list from outside (a reset, a recount)
 * replaces the text.
 */
export function ListField(props: {
  name: string;
  label: string;
  value: readonly string[];
  parse: (text: string) => string[];
  onChange: (list: string[]) => void;
  rows?: number;
  describedBy?: string;
}) {
  const { value, parse } = props;
  const [text, setText] = useState(value.join("\n"));
  const key = JSON.stringify(value);
  useEffect(() => {
    if (JSON.stringify(parse(text)) !== key) setText(value.join("\n"));
  }, [key]);
  return (
    <label class="wh-block">
      {props.label}
      <textarea
        name={props.name}
        rows={props.rows ?? Math.min(8, Math.max(3, value.length + 1))}
        value={text}
        aria-describedby={props.describedBy}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          props.onChange(parse(next));
        }}
      />
    </label>
  );
}
