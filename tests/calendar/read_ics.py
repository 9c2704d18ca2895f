#!/usr/bin/env python3
"""Reads an iCalendar file with python3-icalendar (a parser that is not Gatehouse's) and prints
what it understood as JSON, for tst_ics to compare with what was meant. Exits non-zero when the
file cannot be parsed or has more or less than one event.

    read_ics.py FILE
"""
import json
import sys

import icalendar


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def main():
    with open(sys.argv[1], "rb") as handle:
        data = handle.read()
    calendar = icalendar.Calendar.from_ical(data)
    errors = list(getattr(calendar, "errors", []))
    events = calendar.walk("VEVENT")
    for event in events:
        errors.extend(getattr(event, "errors", []))
    if len(events) != 1:
        print(f"expected one VEVENT, found {len(events)}", file=sys.stderr)
        return 1
    event = events[0]
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    stamp = event.decoded("DTSTAMP")
    out = {
        "errors": [str(error) for error in errors],
        "version": text(calendar, "VERSION"),
        "prodid": text(calendar, "PRODID"),
        "method": text(calendar, "METHOD"),
        "uid": text(event, "UID"),
        "sequence": int(event.get("SEQUENCE", -1)),
        "summary": text(event, "SUMMARY"),
        "description": text(event, "DESCRIPTION"),
        "location": text(event, "LOCATION"),
        "url": text(event, "URL"),
        # ISO 8601 in UTC; a time without a zone would show up without the offset.
        "start": start.isoformat(),
        "end": end.isoformat(),
        "stamp": stamp.isoformat(),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
