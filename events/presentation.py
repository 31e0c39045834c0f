"""How an event is shown outside its page: links to add it to a calendar, schema.org data,
the plain-text description calendars show, and the list of calendar feeds.

Pure functions of the event page (no database access), used by the page, the iCalendar
export (`events.ics`) and e-mails.
"""

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from home.links import site_url
from home.locales import language_code_of

from .choices import EventFormat, EventMode, EventStatus


def calendar_feeds(*, focus_areas) -> list[dict]:
    """Subscribable feeds: all events, one per format, one per Gestaltungsbereich."""
    feeds = [{"label": _("Alle Veranstaltungen"), "path": reverse("events:feed")}]
    for value, label in EventFormat.choices:
        feeds.append(
            {"label": label, "path": reverse("events:feed_format", kwargs={"slug": value})}
        )
    for area in focus_areas:
        feeds.append(
            {
                "label": area.short_title,
                "path": reverse("events:feed_focus_area", kwargs={"slug": area.slug}),
            }
        )
    return feeds


def absolute_url(page, request=None) -> str:
    """The page's public address: the Wagtail Site's root URL (Settings → Sites), never the
    host a request happened to come in on, so calendars and mails carry the same links."""
    return page.get_full_url(request) or site_url("/")


def plain_text_description(event, url: str) -> str:
    parts = [event.teaser.strip()]
    if event.status != EventStatus.SCHEDULED:
        parts.insert(0, f"{event.get_status_display()}. {event.status_note}".strip())
    if event.target_audience:
        audience = strip_tags(event.target_audience).strip()
        parts.append(_("Zielgruppe: %(audience)s") % {"audience": audience})
    parts.append(_("Weitere Informationen und Anmeldung: %(url)s") % {"url": url})
    return "\n\n".join(part for part in parts if part)


def _utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event, request) -> dict:
    """The .ics download plus "add to" links for Google Calendar and Outlook.com."""
    url = absolute_url(event, request)
    details = plain_text_description(event, url)
    if event.all_day:
        end_exclusive = event.local_end.date() + timedelta(days=1)
        google_dates = f"{event.local_start:%Y%m%d}/{end_exclusive:%Y%m%d}"
        outlook_start = event.local_start.date().isoformat()
        outlook_end = end_exclusive.isoformat()
    else:
        google_dates = f"{_utc_stamp(event.start)}/{_utc_stamp(event.end)}"
        outlook_start = event.local_start.isoformat()
        outlook_end = event.local_end.isoformat()
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": event.location_line,
            "ctz": "Europe/Berlin",
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if event.all_day else "false",
            "body": details,
            "location": event.location_line,
        }
    )
    return {
        "ics": reverse("events:event_ics", kwargs={"page_id": event.pk}),
        "google": google,
        "outlook": outlook,
    }


def event_json_ld(event, request) -> str:
    """schema.org Event as JSON, escaped for a <script type="application/ld+json"> block."""
    attendance = {
        EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
        EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    }
    status = {
        EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
        EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    }
    url = absolute_url(event, request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.teaser,
        "url": url,
        "startDate": event.local_start.date().isoformat()
        if event.all_day
        else event.local_start.isoformat(),
        "endDate": event.local_end.date().isoformat()
        if event.all_day
        else event.local_end.isoformat(),
        "eventAttendanceMode": attendance[event.mode],
        "eventStatus": status[event.status],
        "inLanguage": language_code_of(event.locale_id),
        "organizer": {
            "@type": "Organization",
            "name": "Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)",
        },
        "location": [],
    }
    if event.mode in (EventMode.IN_PERSON, EventMode.HYBRID):
        data["location"].append(
            {
                "@type": "Place",
                "name": event.venue_name or event.city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.street,
                    "postalCode": event.postal_code,
                    "addressLocality": event.city,
                    "addressCountry": "DE",
                },
            }
        )
    if event.mode in (EventMode.ONLINE, EventMode.HYBRID):
        # The access link itself is for confirmed registrants only.
        data["location"].append({"@type": "VirtualLocation", "url": url})
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
