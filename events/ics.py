"""iCalendar (RFC 5545) export of events, built with the icalendar library.

Pure serialisation: the caller passes the events and their SEQUENCE numbers
(`selectors.calendar_sequences`)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from .choices import EventStatus
from .presentation import absolute_url, plain_text_description

PRODID = "-//ism Mainz//Integration im Querschnitt//DE"
TZID = "Europe/Berlin"
BERLIN = ZoneInfo(TZID)


def berlin_vtimezone() -> Timezone:
    """VTIMEZONE in the rule-based form (last Sundays of March and October).

    Outlook resolves times across the daylight-saving switch only with yearly rules; the
    transition lists that generators derive from tz data are not understood everywhere.
    """
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _vevent(event, *, sequence: int, url: str, stamp: datetime, method: str) -> Event:
    vevent = Event()
    vevent.add("uid", event.calendar_uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", sequence)
    if event.all_day:
        start_day: date = event.start.astimezone(BERLIN).date()
        end_day: date = event.end.astimezone(BERLIN).date()
        vevent.add("dtstart", start_day)
        vevent.add("dtend", end_day + timedelta(days=1))  # DTEND is exclusive for dates
    else:
        vevent.add("dtstart", event.start.astimezone(BERLIN))
        vevent.add("dtend", event.end.astimezone(BERLIN))
    vevent.add("summary", event.title)
    vevent.add("description", plain_text_description(event, url))
    location = " ".join(event.location_line.split())  # one line, whatever editors typed
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    if event.status == EventStatus.CANCELLED or method == "CANCEL":
        status = "CANCELLED"
    elif event.status == EventStatus.POSTPONED:
        status = "TENTATIVE"  # the new date is not fixed; the old one must not look certain
    else:
        status = "CONFIRMED"
    vevent.add("status", status)
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def build_calendar(
    events, *, sequences: dict, request, name: str, method: str = "PUBLISH"
) -> bytes:
    """Serialise events as one VCALENDAR; `sequences` maps translation keys to SEQUENCE.

    `method` exists for e-mails: a cancellation notice sends METHOD:CANCEL. Change notices need
    no extra: the publication has already raised the stored SEQUENCE.
    """
    events = list(events)
    stamp = timezone.now().replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    if any(not event.all_day for event in events):
        calendar.add_component(berlin_vtimezone())
    for event in events:
        calendar.add_component(
            _vevent(
                event,
                sequence=sequences.get(event.translation_key, 0),
                url=absolute_url(event, request),
                stamp=stamp,
                method=method,
            )
        )
    return calendar.to_ical()
