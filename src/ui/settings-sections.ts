/** The settings page's sections, in order: what the section list links to and each section's heading. */
export const SETTINGS_SECTIONS = [
  { id: "contract", title: "Contract", intro: "Where you work, your role and hours, and your school day." },
  {
    id: "calendars",
    title: "Timetable and calendars",
    intro: "Your calendars, the entries to confirm, and the term dates your year is counted over.",
  },
  {
    id: "rules",
    title: "Rules",
    intro: "The rules that apply to you, strongest first: law, then contract, guidance and union advice.",
  },
  {
    id: "email",
    title: "Email guard",
    intro: "A warning before work email leaves Gmail or Outlook on the web outside your email hours.",
  },
  { id: "cover", title: "Cover", intro: "How cover is counted and when it is flagged." },
  {
    id: "evidence",
    title: "Evidence and backup",
    intro: "The year at a glance, files to take to a line manager or union rep, and a backup of everything.",
  },
] as const;

export type SectionId = (typeof SETTINGS_SECTIONS)[number]["id"];
