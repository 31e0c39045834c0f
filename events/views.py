import hashlib
import re
from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Site

from home.http import client_ip
from home.models import SiteSettings

from . import ics, selectors, services
from .choices import EventFormat, RegistrationStatus
from .forms import RegistrationForm, SendLinkForm
from .models import EventPage
from .tokens import registration_for_token
from .transitions import REGISTRANT, REGISTRATION_STATES

FEED_CACHE_SECONDS = 15 * 60


def _calendar_response(request, content: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    """The calendar, with an ETag that calendar apps can send back: `304` while nothing in
    it changed. The ETag leaves out DTSTAMP, which says when the file was made."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    lasting = b"\n".join(line for line in content.splitlines() if not line.startswith(b"DTSTAMP"))
    response["ETag"] = f'"{hashlib.sha256(lasting).hexdigest()[:32]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _calendar(events, *, request, name: str) -> bytes:
    events = list(events)
    return ics.build_calendar(
        events, sequences=selectors.calendar_sequences(events), request=request, name=name
    )


@require_safe
def event_ics(request, page_id: int):
    event = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    filename = re.sub(r"[^a-z0-9-]", "", slugify(event.slug))[:80] or "veranstaltung"
    content = _calendar([event], request=request, name=event.title)
    return _calendar_response(request, content, filename=f"{filename}.ics", attachment=True)


@require_safe
def feed(request):
    content = _calendar(
        selectors.events_for_calendar_feed(),
        request=request,
        name=_("Integration im Querschnitt – Veranstaltungen"),
    )
    return _calendar_response(request, content, filename="veranstaltungen.ics", attachment=False)


@require_safe
def feed_format(request, slug: str):
    if slug not in EventFormat.values:
        raise Http404
    content = _calendar(
        selectors.events_for_calendar_feed(event_format=slug),
        request=request,
        name=_("Integration im Querschnitt – %(name)s") % {"name": EventFormat(slug).label},
    )
    return _calendar_response(request, content, filename=f"{slug}.ics", attachment=False)


@require_safe
def feed_focus_area(request, slug: str):
    area = selectors.focus_area_by_slug(slug)
    if area is None:
        raise Http404
    content = _calendar(
        selectors.events_for_calendar_feed(focus_area=slug),
        request=request,
        name=_("Integration im Querschnitt – %(name)s") % {"name": area.short_title},
    )
    return _calendar_response(request, content, filename=f"{slug}.ics", attachment=False)


# --- Registration -------------------------------------------------------------------------


def _see_other(url: str) -> HttpResponseRedirect:
    """Redirect after a POST so that reloading the next page never submits twice."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _private(response: HttpResponse) -> HttpResponse:
    """Headers for pages whose URL is a secret (the signed registration link).

    `strict-origin` keeps the path (and so the token) out of every Referer header, to other
    sites and our own. Not `no-referrer`: with that, browsers send `Origin: null` with the
    cancel form's POST, and Django's CSRF check refuses it.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _privacy_url(request) -> str:
    """The privacy notice in the active language (or the default one), if the site has one."""
    if Site.find_for_request(request) is None:
        return ""
    privacy_page = SiteSettings.for_request(request).privacy_page
    if privacy_page is None:
        return ""
    return privacy_page.localized.get_url(request) or ""


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, page: EventPage):
    """The registration form of an event page (its `anmelden/` route).

    Valid submissions go to services.register_for_event. The personal link reaches the person
    only by e-mail, which proves the address: the answer is a page that says a mail is on its
    way, the same whether the address was new or already registered (then the existing link
    is mailed again), so the form tells nobody who is registered. Refusals that say nothing
    about a person (closed, full) come back as a form error with everything typed kept.
    """
    event = selectors.canonical_event(page)
    if not event.registration_enabled:
        raise Http404
    form_kwargs = {"event": event, "privacy_url": _privacy_url(request)}
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, **form_kwargs)
        if form.is_valid():
            if services.registration_rate_limited(client_ip(request), form.cleaned_data["email"]):
                form.add_error(
                    None,
                    _(
                        "Sie haben das Formular in kurzer Zeit zu oft abgeschickt. Bitte "
                        "versuchen Sie es in einer Stunde noch einmal."
                    ),
                )
                status = 429
            elif form.is_spam:
                return _see_other(_thanks_url(request, page))
            else:
                address = form.cleaned_data["email"]
                try:
                    services.register_for_event(
                        event=page,
                        data=form.registration_data(),
                        language=translation.get_language(),
                    )
                except services.RegistrationError as error:
                    if error.code != services.ALREADY_REGISTERED:
                        form.add_error(None, error.message)
                        status = 409
                    else:
                        services.send_registration_link(event=page, email=address)
                        return _mail_sent(request, page, address)
                except ValidationError as error:
                    # The form checks what the model checks; this is a safety net, not a path.
                    form.add_error(None, error.messages)
                else:
                    return _mail_sent(request, page, address)
    else:
        form = RegistrationForm(**form_kwargs)
    response = TemplateResponse(
        request,
        "events/registration_form.html",
        {"page": page, "self": page, "form": form},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(services.RATE_LIMIT_WINDOW)
    response["Cache-Control"] = "private, no-store"
    return response


SENT_TO_SESSION_KEY = "events.mail_sent_to"


def _thanks_url(request, page: EventPage) -> str:
    return page.get_url(request) + page.reverse_subpage("register_thanks")


def _mail_sent(request, page: EventPage, address: str) -> HttpResponseRedirect:
    # The address only for the next page, in this browser's session: never in the URL.
    request.session[SENT_TO_SESSION_KEY] = address
    return _see_other(_thanks_url(request, page))


@require_safe
def registration_thanks(request, page: EventPage):
    """What happens next: a mail to the address typed, from our sender address. Shown after
    every accepted submission, whether the address was new or known (and to the honeypot's
    bots, for whom nothing was stored)."""
    context = {
        "page": page,
        "sent_to": request.session.pop(SENT_TO_SESSION_KEY, ""),
        "sender": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }
    response = TemplateResponse(request, "events/registration_thanks.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def send_link(request, page: EventPage):
    """„Link erneut zusenden“: the personal link again, to a registered address only; the
    answer is the same for any address. Counts towards the form's rate limits."""
    event = selectors.canonical_event(page)
    if not event.registration_enabled:
        raise Http404
    form = SendLinkForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        if services.registration_rate_limited(client_ip(request), address):
            form.add_error(
                None,
                _(
                    "Sie haben das Formular in kurzer Zeit zu oft abgeschickt. Bitte "
                    "versuchen Sie es in einer Stunde noch einmal."
                ),
            )
            status = 429
        else:
            services.send_registration_link(event=page, email=address)
            return _mail_sent(request, page, address)
    response = TemplateResponse(
        request, "events/send_link.html", {"page": page, "self": page, "form": form}, status=status
    )
    if status == 429:
        response["Retry-After"] = str(services.RATE_LIMIT_WINDOW)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def registration_detail(request, token: str):
    """The personal page behind the signed link: see the registration, cancel it.

    No login: whoever holds the link may see and cancel. So the page is never cached, never
    indexed, and never sends its address on as a referrer (see _private).
    """
    registration = registration_for_token(token)
    if registration is None:
        return _private(
            TemplateResponse(request, "events/registration_invalid.html", {}, status=404)
        )
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            held_seat = registration.is_confirmed
            try:
                services.cancel_by_registrant(registration)
            except services.RegistrationError as error:
                messages.error(request, error.message)
            else:
                # Only a confirmed registration had a seat to give back.
                messages.success(
                    request,
                    _(
                        "Ihre Anmeldung ist storniert. Sie erhalten eine Bestätigung per "
                        "E-Mail. Vielen Dank, dass Sie Ihren Platz freigegeben haben."
                    )
                    if held_seat
                    else _(
                        "Ihre Anmeldung ist storniert. Sie erhalten eine Bestätigung per "
                        "E-Mail. Vielen Dank für Ihre Rückmeldung."
                    ),
                )
        return _private(_see_other(request.path))
    # Time, place and access as the default-language page says, texts in the person's language.
    event = selectors.event_for_registration(registration)
    status = registration.status
    can_cancel = (
        REGISTRATION_STATES.allows(registration, RegistrationStatus.CANCELLED, by=REGISTRANT)
        and not event.is_past
    )
    availability = selectors.availability_for(event)
    context = {
        "registration": registration,
        "event": event,
        "holds_seat": registration.is_confirmed,
        "shows_access": registration.is_confirmed and registration.takes_part_online,
        "can_cancel": can_cancel,
        # Cancelling asks once more (?stornieren) before the form that does it is shown.
        "confirm_cancel": can_cancel and "stornieren" in request.GET,
        "can_register_again": (
            status == RegistrationStatus.CANCELLED
            and availability is not None
            and availability.accepts_registrations
        ),
        "waiting_list_position": (
            selectors.waiting_list_position(registration)
            if status == RegistrationStatus.WAITLISTED
            else None
        ),
    }
    return _private(TemplateResponse(request, "events/registration_detail.html", context))
