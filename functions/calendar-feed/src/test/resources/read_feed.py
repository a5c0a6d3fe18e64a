"""Reads an iCalendar feed from stdin with the icalendar library (RFC 5545) and prints its events as JSON.

The parse is strict: a malformed line (bad folding, an unescaped value, a wrong date-time) raises.
"""
import json
import sys

import icalendar

text = sys.stdin.buffer.read()
calendar = icalendar.Calendar.from_ical(text)
if calendar.errors:
    raise SystemExit("calendar errors: %r" % (calendar.errors,))
events = []
for event in calendar.walk("VEVENT"):
    if event.errors:
        raise SystemExit("event errors: %r" % (event.errors,))
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    events.append({
        "uid": str(event["UID"]),
        "sequence": int(event["SEQUENCE"]),
        "status": str(event["STATUS"]),
        "summary": str(event["SUMMARY"]),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "utc": start.utcoffset() is not None and start.utcoffset().total_seconds() == 0,
    })
print(json.dumps({"version": str(calendar["VERSION"]), "events": events}))
