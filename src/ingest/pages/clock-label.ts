/**
 * Start and end clock times from a calendar chip's accessible label, in any language and on a 12- or 24-hour
 * clock ("13:00 to 14:00, …", "1 nm. tot 2 nm., …", "下午1点至下午2点，…", "ညနေ ၁ မှ ညနေ ၂၊ …").
 *
 * Only numbers are read, never words: a time is a number with minutes (H:MM, H.MM) or an hour standing next to
 * a day-period marker (am/pm in the languages Google Calendar and Outlook offer, from CLDR). Dates in the label
 * ("10 June 2024", "2024年6月10日") have neither, so they are skipped. The first two times are start and end.
 */

/** Zero of each decimal digit block labels are written in (Arabic-Indic, Devanagari, Bengali, Thai, Myanmar…). */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6,
  0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0xff10,
];

/**
 * Day-period markers, lower case, from CLDR and as Google Calendar writes them. "am" ones turn 12 into 0; "pm"
 * ones add 12 to 1–11. Suffixes follow the number ("1 nm.", "6ip"); prefixes come before it ("下午1点",
 * "ප.ව. 6.30", "ညနေ ၆").
 */
const AM_SUFFIXES = [
  "a.m.",
  "a. m.",
  "am",
  "vm.",
  "yb",
  "ap.",
  "ap",
  "f.h.",
  "πμ",
  "π.μ.",
  "дп",
  "д.п.",
  "ү.ө.",
  "לפנה״צ",
  "לפ.",
  'לפנה"צ',
  "ص",
  "ق.ظ.",
  "قب",
  "पूर्वाह्न",
  "ਪੂ.ਦੁ.",
  "ಪೂರ್ವಾಹ್ನ",
  "ໂມງເຊົ້າ",
  "ກ່ອນທ່ຽງ",
  "ጥዋት",
  "pg",
  "vorm.",
];
const PM_SUFFIXES = [
  "p.m.",
  "p. m.",
  "pm",
  "nm.",
  "yh",
  "ip.",
  "ip",
  "e.h.",
  "μμ",
  "μ.μ.",
  "пп",
  "п.п.",
  "ү.х.",
  "אח.",
  "אחה״צ",
  'אחה"צ',
  "م",
  "ب.ظ.",
  "بع",
  "अपराह्न",
  "ਬਾ.ਦੁ.",
  "ಅಪರಾಹ್ನ",
  "ໂມງຫຼັງທ່ຽງ",
  "ຫຼັງທ່ຽງ",
  "ከሰዓት",
  "ptg",
  "nachm.",
];
const AM_PREFIXES = ["上午", "午前", "오전", "凌晨", "早上", "පෙ.ව.", "နံနက်", "မနက်"];
const PM_PREFIXES = ["下午", "午後", "오후", "晚上", "中午", "ප.ව.", "ညနေ", "နေ့လယ်", "ည"];

/** Words for "hour"/"o'clock" that sit between an hour and its marker (下午1時, 오후 1시, 1 ц ү.х.). */
const HOUR_WORDS = ["時", "时", "点", "點", "시", "ц", "ໂມງ", "น."];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const byLength = (a: string, b: string) => b.length - a.length;
const alternatives = (words: string[]) => `(${[...words].sort(byLength).map(escape).join("|")})`;
const PREFIX = alternatives([...AM_PREFIXES, ...PM_PREFIXES]);
const SUFFIX = alternatives([...AM_SUFFIXES, ...PM_SUFFIXES]);
const HOUR_WORD = `(?:${HOUR_WORDS.map(escape).join("|")})`;
const AM = new Set([...AM_SUFFIXES, ...AM_PREFIXES]);
// A suffix must not run on into a longer word ("am" in "amsterdam").
const AFTER_SUFFIX = String.raw`(?![a-z\p{M}])`;

/** One pass finds a marker before the number, the number with optional minutes, and a marker after it. */
const TIME = new RegExp(
  String.raw`(?:${PREFIX}\s*)?(?<![\d.:])(\d{1,2})(?:\s?[:.]\s?(\d{2}))?(?![\d]|[.:/]\d)(?:\s*${HOUR_WORD})?(?:\s*${SUFFIX}${AFTER_SUFFIX})?`,
  "gu",
);

/** Labels with ASCII digits, plain spaces and no direction marks. */
export function normaliseLabel(label: string): string {
  let out = "";
  for (const ch of label) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x0660) {
      const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
      if (zero !== undefined) {
        out += String(code - zero);
        continue;
      }
      if (code === 0x00a0 || code === 0x202f || code === 0x2009) {
        out += " ";
        continue;
      }
      if (
        (code >= 0x200b && code <= 0x200f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069)
      )
        continue;
    } else if (code === 0x00a0) {
      out += " ";
      continue;
    }
    out += ch;
  }
  return out.toLowerCase();
}

export interface ClockTime {
  /** Minutes after midnight, 0–1439. */
  minutes: number;
  /** Where in the normalised label the time was found. */
  index: number;
}

/** Every clock time in a label, in order. */
export function clockTimes(label: string): ClockTime[] {
  const text = normaliseLabel(label);
  const times: ClockTime[] = [];
  for (const m of text.matchAll(TIME)) {
    const [, before, hourText, minuteText, after] = m;
    const marker = after ?? before;
    // A bare hour is a time only with a day-period marker; otherwise it is a day of the month.
    if (minuteText === undefined && marker === undefined) continue;
    let hour = Number(hourText);
    const minute = minuteText === undefined ? 0 : Number(minuteText);
    if (minute > 59 || hour > 24) continue;
    if (marker !== undefined && hour >= 1 && hour <= 12) hour = AM.has(marker) ? hour % 12 : (hour % 12) + 12;
    times.push({ minutes: (hour % 24) * 60 + minute, index: m.index });
  }
  return times;
}

/** Start and end from a label, or null when it holds fewer than two times (an all-day chip). */
export function labelTimes(label: string): { start: number; end: number } | null {
  const times = clockTimes(label);
  if (times.length < 2) return null;
  return { start: times[0]!.minutes, end: times[1]!.minutes };
}

/** Separators between a label's parts, in the scripts labels are written in. */
const PART_SEPARATOR = /[,，、،;၊፣]/u;

/**
 * The event's title in a label: the part after the one holding the end time ("13:00 to 14:00, Team meeting,
 * Calendar: …"). A part that starts with a year is the rest of a date ("… 06:30 10 tháng 6, 2024, Sleep").
 * Quotes some languages put round the title (「…」, „…“) are dropped.
 */
export function labelTitle(label: string): string | undefined {
  const parts = label.split(PART_SEPARATOR);
  let k = 0;
  while (k < parts.length && clockTimes(parts.slice(0, k + 1).join(",")).length < 2) k++;
  const title = parts
    .slice(k + 1)
    .find((p) => p.trim() !== "" && !/^\s*\d{4}(?!\d)/u.test(normaliseLabel(p)));
  return title
    ?.trim()
    .replace(/^[「“"„«]+|[」”"“»]+$/gu, "")
    .trim();
}
