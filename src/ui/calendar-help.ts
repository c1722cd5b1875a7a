/**
 * Where a teacher finds their calendar link in each system, for the welcome page and the calendars panel.
 * Worded with "usually": menus move between versions and schools switch features on and off.
 */
export interface CalendarLinkHelp {
  system: string;
  where: string;
  looksLike: string;
}

export const CALENDAR_LINK_HELP: readonly CalendarLinkHelp[] = [
  {
    system: "Arbor",
    where:
      "Open My Calendar; Arbor usually offers to sync or subscribe to it from there, which shows your private calendar address.",
    looksLike: "https://yourschool.uk.arbor.sc/… or webcal://…",
  },
  {
    system: "Edulink One",
    where: "Look in Edulink One's calendar or timetable settings for a personal calendar (iCal) link.",
    looksLike: "https://….edulinkone.com/…",
  },
  {
    system: "SIMS",
    where:
      "Most SIMS schools give staff no calendar link: read your timetable from its page instead, or ask your data manager for your timetable as an .ics file.",
    looksLike: "a file ending .ics",
  },
  {
    system: "Bromcom",
    where:
      "Read your timetable from its page, or ask your data manager for a calendar link or an .ics export of your timetable.",
    looksLike: "https://… ending .ics, or a file ending .ics",
  },
  {
    system: "iSAMS",
    where:
      "Ask your data manager whether your school publishes staff calendars as a link, or export an .ics file.",
    looksLike: "https://… ending .ics, or a file ending .ics",
  },
  {
    system: "Google Calendar",
    where:
      "Settings, then your school calendar under 'Settings for my calendars', then 'Integrate calendar': copy 'Secret address in iCal format'.",
    looksLike: "https://calendar.google.com/calendar/ical/…/private-…/basic.ics",
  },
  {
    system: "Outlook",
    where:
      "Settings, Calendar, Shared calendars, 'Publish a calendar': choose your calendar and 'Can view all details', press Publish, then copy the ICS link.",
    looksLike: "https://outlook.office365.com/owa/calendar/…/calendar.ics",
  },
];
