/**
 * The words of teachers' contracts the popup and the settings page use, each explained once in plain words.
 * `termsIn` picks the ones a piece of text uses, so a page explains what it shows and nothing else.
 */
export interface GlossaryEntry {
  term: string;
  /** What finds the term in text (a whole word, any case where the term allows it). */
  pattern: RegExp;
  meaning: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: "Directed time",
    pattern: /\bdirected\b/i,
    meaning:
      "The hours your head teacher can tell you where to be and what to do: lessons, registration, duties, meetings, parents' evenings and training days. In England and Wales a full-time teacher has at most 1265 of them a year, over 195 days. Marking and planning done when and where you choose are not directed time.",
  },
  {
    term: "PPA",
    pattern: /\bPPA\b/,
    meaning:
      "Planning, preparation and assessment time: time in the timetabled school day, away from teaching, for planning, marking and assessment. In England it is at least 10% of your timetabled teaching, and no cover or other duty may be put in it.",
  },
  {
    term: "STPCD",
    pattern: /\bSTPCD\b|School Teachers' Pay and Conditions Document/,
    meaning:
      "The School Teachers' Pay and Conditions Document: the government's yearly rulebook for teachers' pay and working time in England's maintained schools, and in academies whose contracts adopt it. Wales has its own (the STPC(W)D).",
  },
  {
    term: "ASOS",
    pattern: /\bASOS\b|Action Short of Strike Action/,
    meaning:
      "Action short of strike action: instructions a union gives its members during a dispute, short of a strike. The limits quoted from the NUT's ASOS guidance (the NUT is now the NEU) are union advice, not law or contract.",
  },
  {
    term: "Evening",
    pattern: /\bevenings?\b/i,
    meaning:
      "In Within Hours, a day on which a meeting, parents' evening or other directed work beyond lessons runs past the end of the pupils' day, whatever time it finishes: a 15:30–16:30 department meeting makes that day an evening. This is the app's reading of union advice.",
  },
  {
    term: "INSET",
    pattern: /\bINSET\b/,
    meaning:
      "In-service training: a training day with no pupils. It is directed time, counted here as a day of your usual school day's length.",
  },
];

/** The entries `text` uses, in glossary order. */
export function termsIn(text: string): GlossaryEntry[] {
  return GLOSSARY.filter((entry) => entry.pattern.test(text));
}
