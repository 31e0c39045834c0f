"""Wagtail admin for organisers: the registrations list and per-event counts on pages."""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.models import Page

from . import admin_views, selectors
from .admin_forms import RegistrationFilterSet
from .models import EventIndexPage, EventPage, Registration
from .selectors import canonical_event


class RegistrationViewSet(ModelViewSet):
    """ "Anmeldungen": list, filters, search, CSV/XLSX export, details and organiser actions.

    Registrations are created only on the public site and change status only through the
    actions (which call the registration service), so there is no add, copy or delete view
    and the edit form leaves out e-mail address and status.
    """

    model = Registration
    icon = "group"
    menu_label = gettext_lazy("Anmeldungen")
    menu_order = 250
    add_to_admin_menu = True

    index_view_class = admin_views.RegistrationIndexView
    inspect_view_class = admin_views.RegistrationInspectView
    history_view_class = admin_views.RegistrationHistoryView
    edit_view_class = admin_views.RegistrationEditView
    inspect_view_enabled = True
    inspect_template_name = "events/admin/registration_inspect.html"
    copy_view_enabled = False

    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation", "municipality"]
    search_backend_name = None  # plain database lookups: registrations are not indexed
    ordering = "created_at"
    list_per_page = 50

    list_export = [
        "event.title",
        "event.start",
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "get_status_display",
        "get_participation_mode_display",
        "accessibility_needs",
        "dietary_needs",
        "participant_list_consent",
        "language",
        "email_unreachable",
        "created_at",
    ]
    export_headings = {
        "event.title": gettext_lazy("Veranstaltung"),
        "event.start": gettext_lazy("Beginn"),
        "get_status_display": gettext_lazy("Status"),
        "get_participation_mode_display": gettext_lazy("Teilnahme"),
    }
    export_filename = "anmeldungen"

    inspect_view_fields = [
        "event",
        "status",
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "participation_mode",
        "accessibility_needs",
        "dietary_needs",
        "participant_list_consent",
        "privacy_consent_version",
        "privacy_consent_at",
        "language",
        "email_unreachable",
        "created_at",
        "anonymised_at",
    ]
    # Corrections of personal data only; status changes go through the actions.
    form_fields = [
        "name",
        "organisation",
        "municipality",
        "role",
        "participation_mode",
        "accessibility_needs",
        "dietary_needs",
        "participant_list_consent",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "delete_url_name": None,
                "action_url_name": self.get_url_name("action"),
                "message_url_name": self.get_url_name("message"),
                **kwargs,
            }
        )

    @property
    def action_view(self):
        return self.construct_view(admin_views.RegistrationActionView)

    @property
    def message_view(self):
        return self.construct_view(admin_views.OrganiserMessageView)

    def get_urlpatterns(self):
        unused = {"add", "delete"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in unused] + [
            path("<int:pk>/<slug:action>/", self.action_view, name="action"),
            path("event/<int:event_pk>/message/", self.message_view, name="message"),
        ]

    def get_permissions_to_register(self):
        # Only what the admin offers: see (and export), and change (correct, act, write).
        content_type = ContentType.objects.get_for_model(Registration)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                get_permission_codename(action, Registration._meta) for action in ("view", "change")
            ],
        )


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


def can_see_registrations(user) -> bool:
    return user.has_perm("events.view_registration") or user.has_perm("events.change_registration")


def registrations_url(event_id: int) -> str:
    return f"{reverse(registration_viewset.get_url_name('index'))}?{urlencode({'event': event_id})}"


# The page explorer's listing (not the explorer menu's API, which shows no buttons).
EXPLORER_VIEWS = {"wagtailadmin_explore", "wagtailadmin_explore_results"}


@hooks.register("construct_explorer_page_queryset")
def annotate_event_listing(parent_page, pages, request):
    if getattr(request.resolver_match, "url_name", None) not in EXPLORER_VIEWS or not isinstance(
        parent_page.specific, EventIndexPage
    ):
        return pages
    if "ordering" not in request.GET and not request.GET.get("q"):
        pages = selectors.order_by_date(pages)
    if can_see_registrations(request.user):
        # Counts for the events below an event index, in the listing's own query.
        pages = selectors.annotate_registration_counts(pages)
    return pages


@hooks.register("register_page_listing_buttons")
def event_listing_buttons(page, user, next_url=None):
    if not isinstance(page, EventPage) or not can_see_registrations(user):
        return
    annotated = selectors.annotated_registration_counts(page)
    if annotated is None:
        # Only the event index's listing carries the counts; elsewhere (search results) they
        # would cost a query per row.
        return
    counts, event_id = annotated
    summary = counts.summary()
    yield ListingButton(
        summary,
        url=registrations_url(event_id),
        icon_name="group",
        priority=60,
        attrs={"aria-label": _("Anmeldungen: %(summary)s") % {"summary": summary}},
    )


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page, EventPage) or not page.pk or not can_see_registrations(user):
        return
    event = canonical_event(page)
    counts = selectors.registration_counts(event)
    yield Button(
        _("Anmeldungen: %(summary)s") % {"summary": counts.summary()},
        url=registrations_url(event.pk),
        icon_name="group",
        priority=80,
    )
    if user.has_perm("events.change_registration"):
        yield Button(
            _("An alle Angemeldeten schreiben"),
            url=reverse(registration_viewset.get_url_name("message"), args=[event.pk]),
            icon_name="mail",
            priority=81,
        )


# --- deleting events ------------------------------------------------------------------------


def _refuse_deleting(request, pages):
    events = selectors.events_with_registrations(pages)
    if not events:
        return None
    titles = ", ".join(f"„{event.title}“" for event in events)
    messages.error(
        request,
        ngettext(
            "Für die Veranstaltung %(titles)s gibt es Anmeldungen, deshalb kann sie nicht "
            "gelöscht werden. Setzen Sie stattdessen den Status auf „Abgesagt“ und "
            "veröffentlichen Sie: Dann werden alle Angemeldeten benachrichtigt.",
            "Für die Veranstaltungen %(titles)s gibt es Anmeldungen, deshalb können sie nicht "
            "gelöscht werden. Setzen Sie stattdessen den Status auf „Abgesagt“ und "
            "veröffentlichen Sie: Dann werden alle Angemeldeten benachrichtigt.",
            len(events),
        )
        % {"titles": titles},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[events[0].pk]))


@hooks.register("before_delete_page")
def refuse_deleting_events_with_registrations(request, page):
    # Deleting would delete the registrations without telling anyone.
    return _refuse_deleting(request, [page])


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_events_with_registrations(request, action_type, objects, action):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        return _refuse_deleting(request, objects)
    return None
