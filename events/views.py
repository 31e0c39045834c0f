import re

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import ics, selectors
from .choices import EventFormat
from .models import EventPage

FEED_CACHE_SECONDS = 15 * 60


def _calendar_response(content: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response


@require_safe
def event_ics(request, page_id: int):
    event = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    filename = re.sub(r"[^a-z0-9-]", "", slugify(event.slug))[:80] or "veranstaltung"
    content = ics.build_calendar([event], request=request, name=event.title)
    return _calendar_response(content, filename=f"{filename}.ics", attachment=True)


@require_safe
def feed(request):
    content = ics.build_calendar(
        selectors.events_for_calendar_feed(),
        request=request,
        name=_("Integration im Querschnitt – Veranstaltungen"),
    )
    return _calendar_response(content, filename="veranstaltungen.ics", attachment=False)


@require_safe
def feed_format(request, slug: str):
    if slug not in EventFormat.values:
        raise Http404
    content = ics.build_calendar(
        selectors.events_for_calendar_feed(event_format=slug),
        request=request,
        name=_("Integration im Querschnitt – %(name)s") % {"name": EventFormat(slug).label},
    )
    return _calendar_response(content, filename=f"{slug}.ics", attachment=False)


@require_safe
def feed_focus_area(request, slug: str):
    area = selectors.focus_area_by_slug(slug)
    if area is None:
        raise Http404
    content = ics.build_calendar(
        selectors.events_for_calendar_feed(focus_area=slug),
        request=request,
        name=_("Integration im Querschnitt – %(name)s") % {"name": area.short_title},
    )
    return _calendar_response(content, filename=f"{slug}.ics", attachment=False)


def registration_detail(request, token: str):
    raise Http404  # replaced by the registration feature
