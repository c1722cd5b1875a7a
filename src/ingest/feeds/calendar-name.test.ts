import { describe, expect, it } from "vitest";
import { calendarName } from "./calendar-name";

describe("calendarName", () => {
  it("reads X-WR-CALNAME from the header, unfolded and unescaped", () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "X-WR-CALNAME:Hillside Academy\\, staff",
      "  calendar",
      "BEGIN:VEVENT",
      "SUMMARY:X-WR-CALNAME:not this",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    expect(calendarName(ics)).toBe("Hillside Academy, staff calendar");
  });

  it("gives nothing when the calendar has no name, or an empty one", () => {
    expect(calendarName("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR")).toBeUndefined();
    expect(calendarName("BEGIN:VCALENDAR\nX-WR-CALNAME: \nEND:VCALENDAR")).toBeUndefined();
  });
});
