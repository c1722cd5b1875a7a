/**
 * jCal, as ical.js parses iCalendar into it, and the properties of a VEVENT the import reads. Events are kept
 * as those properties rather than as whole components while a calendar is read.
 */
export type Jcal = [string, JcalProperty[], Jcal[]];
export type JcalProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** A VCALENDAR as the import reads it. */
export interface CalendarParts {
  /** The calendar's own properties (X-WR-CALNAME). */
  properties: JcalProperty[];
  /** VTIMEZONE components, as jCal for ICAL.Timezone. */
  timezones: Jcal[];
  events: EventProperties[];
}

/**
 * The properties of a VEVENT the import reads: of each name the first, text values as text, and every RRULE,
 * RDATE and EXDATE.
 */
export class EventProperties {
  uid: string | undefined = undefined;
  status: string | undefined = undefined;
  summary: string | undefined = undefined;
  location: string | undefined = undefined;
  description: string | undefined = undefined;
  duration: string | undefined = undefined;
  dtstart: JcalProperty | undefined = undefined;
  dtend: JcalProperty | undefined = undefined;
  /** Every RRULE: an event may give several, and its occurrences are all of theirs together. */
  rrules: JcalProperty[] | undefined = undefined;
  recurrenceId: JcalProperty | undefined = undefined;
  rdates: JcalProperty[] | undefined = undefined;
  exdates: JcalProperty[] | undefined = undefined;
  /** The revision, RFC 5545's SEQUENCE: absent means 0. */
  sequence = 0;
  /** When this revision was written: jCal UTC date-time text, which sorts as it reads. */
  dtstamp: string | undefined = undefined;
  /** A bit per name already read, so that a repeated property does not replace the first. */
  private found = 0;

  add(prop: JcalProperty): void {
    switch (prop[0]) {
      case "uid":
        if (!(this.found & 1)) this.uid = textOf(prop);
        this.found |= 1;
        break;
      case "status":
        if (!(this.found & 2)) this.status = textOf(prop);
        this.found |= 2;
        break;
      case "summary":
        if (!(this.found & 4)) this.summary = textOf(prop);
        this.found |= 4;
        break;
      case "location":
        if (!(this.found & 8)) this.location = textOf(prop);
        this.found |= 8;
        break;
      case "description":
        if (!(this.found & 16)) this.description = textOf(prop);
        this.found |= 16;
        break;
      case "duration":
        if (!(this.found & 32)) this.duration = textOf(prop);
        this.found |= 32;
        break;
      case "dtstart":
        if (!(this.found & 64)) this.dtstart = prop;
        this.found |= 64;
        break;
      case "dtend":
        if (!(this.found & 128)) this.dtend = prop;
        this.found |= 128;
        break;
      case "rrule":
        (this.rrules ??= []).push(prop);
        break;
      case "sequence":
        if (!(this.found & 256)) this.sequence = Number(prop[3]) || 0;
        this.found |= 256;
        break;
      case "dtstamp":
        if (!(this.found & 1024)) this.dtstamp = typeof prop[3] === "string" ? prop[3] : undefined;
        this.found |= 1024;
        break;
      case "recurrence-id":
        if (!(this.found & 512)) this.recurrenceId = prop;
        this.found |= 512;
        break;
      case "rdate":
        (this.rdates ??= []).push(prop);
        break;
      case "exdate":
        (this.exdates ??= []).push(prop);
        break;
    }
  }
}

/** A calendar as ical.js's own parse gives it. */
export function calendarParts(calendar: Jcal): CalendarParts {
  const parts: CalendarParts = { properties: calendar[1], timezones: [], events: [] };
  for (const component of calendar[2]) {
    if (component[0] === "vtimezone") parts.timezones.push(component);
    else if (component[0] === "vevent") {
      const event = new EventProperties();
      for (const prop of component[1]) event.add(prop);
      parts.events.push(event);
    }
  }
  return parts;
}

export function isComponent(value: unknown): value is Jcal {
  return (
    Array.isArray(value) && typeof value[0] === "string" && Array.isArray(value[1]) && Array.isArray(value[2])
  );
}

export function propertyValues(prop: JcalProperty): unknown[] {
  return prop.slice(3);
}

export function textValue(props: JcalProperty[], name: string): string | undefined {
  const prop = props.find((p) => p[0] === name);
  return prop && textOf(prop);
}

export function textOf(prop: JcalProperty): string | undefined {
  const value = prop[3];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(",");
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
