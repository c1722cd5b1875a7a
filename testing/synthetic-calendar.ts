/**
 * A large made-up Exchange-style calendar for benchmarks (the audit bench here, the in-browser import bench):
 * a weekly timetable of recurring lessons and registrations through the academic year starting 1 September
 * 2026, some moved occurrences, and one-off entries up to `totalEvents` VEVENTs. Everything is invented.
 */
export interface SyntheticCalendar {
  text: string;
  /** VEVENT components in the file. */
  components: number;
}

/** Europe/London as Exchange writes it, under its Windows name (as in node-ical's ms_timezones.ics fixture). */
export const EXCHANGE_LONDON_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:GMT Standard Time",
  "BEGIN:STANDARD",
  "DTSTART:16010101T020000",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
  "END:STANDARD",
  "BEGIN:DAYLIGHT",
  "DTSTART:16010101T010000",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
  "END:DAYLIGHT",
  "END:VTIMEZONE",
];

const TZ = "GMT Standard Time";
const DAYS = ["MO", "TU", "WE", "TH", "FR"];
const PERIOD_STARTS = ["0850", "0950", "1110", "1210", "1355"];
const CLASSES = ["9X1 Ma", "10B2 Ma", "11A1 Ma", "7Y2 Ma", "8C3 Ma", "12MA1", "13MA2", "PPA", "Non-contact"];
const ONE_OFF_TITLES = [
  "Dept meeting",
  "Cover 8B2 for JSM",
  "Break duty",
  "Parents' Evening Y11",
  "Twilight CPD",
  "Learning walk",
  "Line management",
  "Mock invigilation",
  "Y9 reports",
  "Trip to the science museum",
];

export function syntheticCalendar(totalEvents = 10_000): SyntheticCalendar {
  const lines = [
    "BEGIN:VCALENDAR",
    "METHOD:PUBLISH",
    "PRODID:Microsoft Exchange Server 2010",
    "VERSION:2.0",
    "X-WR-CALNAME:Calendar",
    "X-COMMENT:Made-up benchmark calendar. No real teacher or school.",
    ...EXCHANGE_LONDON_VTIMEZONE,
  ];
  let components = 0;
  // The properties Exchange writes on every event (as in the Office-2012-owa.ics fixture).
  const exchangeTail = [
    "CLASS:PUBLIC",
    "PRIORITY:5",
    "DTSTAMP:20260820T090000Z",
    "TRANSP:OPAQUE",
    "STATUS:CONFIRMED",
    "SEQUENCE:0",
    "X-MICROSOFT-CDO-APPT-SEQUENCE:0",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY",
    "X-MICROSOFT-CDO-ALLDAYEVENT:FALSE",
    "X-MICROSOFT-CDO-IMPORTANCE:1",
    "X-MICROSOFT-CDO-INSTTYPE:0",
    "X-MICROSOFT-DONOTFORWARDMEETING:FALSE",
    "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
  ];
  const push = (props: string[]) => {
    lines.push("BEGIN:VEVENT", "DESCRIPTION:\\n", ...props, ...exchangeTail, "END:VEVENT");
    components++;
  };
  // Week of Monday 7 September 2026; the series start in that week and run to 21 July 2027.
  const firstMonday = Date.UTC(2026, 8, 7);
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, "");

  for (const [d, day] of DAYS.entries()) {
    const date = ymd(firstMonday + d * 86_400_000);
    push([
      `UID:reg-${day}`,
      "SUMMARY:Registration 9X",
      `DTSTART;TZID=${TZ}:${date}T083500`,
      `DTEND;TZID=${TZ}:${date}T085000`,
      `RRULE:FREQ=WEEKLY;UNTIL=20270721T230000Z;INTERVAL=1;BYDAY=${day};WKST=MO`,
      `EXDATE;TZID=${TZ}:${ymd(firstMonday + (7 * 7 + d) * 86_400_000)}T083500`,
    ]);
    for (const [p, start] of PERIOD_STARTS.entries()) {
      const end = String(Number(start) + 100).padStart(4, "0");
      push([
        `UID:lesson-${day}-${p + 1}`,
        `SUMMARY:${CLASSES[(d * 5 + p) % CLASSES.length]}`,
        `DTSTART;TZID=${TZ}:${date}T${start}00`,
        `DTEND;TZID=${TZ}:${date}T${end}00`,
        `RRULE:FREQ=WEEKLY;UNTIL=20270721T230000Z;INTERVAL=1;BYDAY=${day};WKST=MO`,
        `EXDATE;TZID=${TZ}:${ymd(firstMonday + (7 * 7 + d) * 86_400_000)}T${start}00`,
        "LOCATION:M12",
      ]);
    }
  }
  // A moved occurrence of a lesson in each of 40 weeks.
  for (let week = 0; week < 40 && components < totalEvents; week++) {
    const date = ymd(firstMonday + week * 7 * 86_400_000);
    push([
      "UID:lesson-MO-1",
      `RECURRENCE-ID;TZID=${TZ}:${date}T085000`,
      "SUMMARY:9X1 Ma (moved)",
      `DTSTART;TZID=${TZ}:${date}T155000`,
      `DTEND;TZID=${TZ}:${date}T165000`,
    ]);
  }
  // One-off entries on school days through the year, after school and at lunch.
  for (let i = 0; components < totalEvents; i++) {
    const schoolDay = i % 190;
    const date = ymd(firstMonday + (Math.floor(schoolDay / 5) * 7 + (schoolDay % 5)) * 86_400_000);
    const minute = 15 * (i % 24);
    const hour = 7 + Math.floor(minute / 60) + (i % 2) * 8;
    const hhmm = `${String(hour).padStart(2, "0")}${String(minute % 60).padStart(2, "0")}`;
    push([
      `UID:one-off-${i}`,
      `SUMMARY:${ONE_OFF_TITLES[i % ONE_OFF_TITLES.length]} ${i}`,
      `DTSTART;TZID=${TZ}:${date}T${hhmm}00`,
      `DTEND;TZID=${TZ}:${date}T${String(hour + 1).padStart(2, "0")}${hhmm.slice(2)}00`,
      `LOCATION:Room ${i % 40}`,
    ]);
  }
  lines.push("END:VCALENDAR");
  return { text: lines.join("\r\n") + "\r\n", components };
}
