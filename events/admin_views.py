"""Organisers' views in the Wagtail admin: registrations list, status actions, counts, messages.

The actions offered are the named transitions of the registration's transition table that
the user may make (`events.transitions`), and every one goes through
`services.set_registration_state`: the admin follows the same rules, audit trail and e-mails
as the public site.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import (
    ButtonsColumnMixin,
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import registry as log_registry

from home.text import printable, spreadsheet_safe
from home.transitions import Transition

from . import selectors, services
from .admin_forms import OrganiserMessageForm, RegistrationActionForm
from .choices import CONFIRMED_STATUSES, RegistrationStatus
from .models import EventPage, Registration
from .transitions import REGISTRATION_STATES


def berlin_time(value: datetime.datetime) -> str:
    """ "20. Januar 2027, 10:00 Uhr": organisers read local time (Europe/Berlin), never UTC."""
    local = timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))
    return _("%(date)s, %(time)s Uhr") % {
        "date": date_format(local, "j. F Y"),
        "time": date_format(local, "H:i"),
    }


# --- status actions ------------------------------------------------------------------------


def action_buttons(registration, user, url_for) -> list[Button]:
    """One button per action the user may take on the registration now."""
    return [
        Button(
            transition.label,
            url=url_for(transition.name),
            icon_name=transition.icon,
            priority=priority,
        )
        for priority, transition in enumerate(
            REGISTRATION_STATES.actions_for(registration, by=user), start=40
        )
    ]


def action_url(url_name: str, registration: Registration, action: str, next_url: str = "") -> str:
    url = reverse(url_name, args=[quote(registration.pk), action])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# --- listing -------------------------------------------------------------------------------


class StatusAndModeColumn(StatusTagColumn):
    """The status tag with the way of taking part (on site, online) below."""

    cell_template_name = "events/admin/status_cell.html"


class EventColumn(Column):
    """The event's title with its date below."""

    cell_template_name = "events/admin/event_cell.html"


class CheckInColumn(Column):
    """One-click check-in (a POST form with CSRF token) for confirmed registrations."""

    cell_template_name = "events/admin/checkin_cell.html"

    def __init__(self, name, *, get_url, **kwargs):
        super().__init__(name, accessor="status", **kwargs)
        self._get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        checkin = REGISTRATION_STATES.by_name("checkin")
        context["checkin_url"] = (
            self._get_url(instance)
            if REGISTRATION_STATES.allows(instance, checkin.target, by=user)
            and checkin in REGISTRATION_STATES.actions_for(instance, by=user)
            else ""
        )
        context["attended"] = instance.status == RegistrationStatus.ATTENDED
        context["csrf_token"] = get_token(request) if request else ""
        return context


class RegistrationIndexView(generic.IndexView):
    action_url_name = None
    message_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    @cached_property
    def selected_event(self) -> EventPage | None:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    @cached_property
    def listing_url(self) -> str:
        """This listing with its filters, search and page: where actions return to."""
        params = self.request.GET.copy()
        for name in ("_w_filter_fragment", "export"):
            params.pop(name, None)
        query = params.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_action_url(self, registration, action: str) -> str:
        return action_url(self.action_url_name, registration, action, self.listing_url)

    @cached_property
    def columns(self):
        view = self

        class RegistrationTitleColumn(ButtonsColumnMixin, TitleColumn):
            cell_template_name = "events/admin/person_cell.html"

            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        columns = [
            # Name, address and organisation in one cell, the event with its date: the list
            # fits 1280 px without breaking names letter by letter.
            RegistrationTitleColumn(
                "name",
                label=gettext_lazy("Name, E-Mail, Organisation"),
                sort_key="name",
                width="28%",
                get_url=lambda registration: (
                    self.get_inspect_url(registration) or self.get_edit_url(registration)
                ),
            ),
            # Left out when the list shows one event only: its title is in the header then.
            *(
                []
                if self.selected_event
                else [
                    EventColumn(
                        "event",
                        accessor="event.title",
                        label=gettext_lazy("Veranstaltung"),
                        sort_key="event__start",
                        width="26%",
                    )
                ]
            ),
            StatusAndModeColumn(
                "status",
                accessor="get_status_display",
                label=gettext_lazy("Status, Teilnahme"),
                width="14%",
                sort_key="status",
                primary=lambda registration: registration.status in CONFIRMED_STATUSES,
            ),
            DateColumn(
                "created_at",
                label=gettext_lazy("Angemeldet am"),
                sort_key="created_at",
                width="14%",
            ),
        ]
        if self.user_has_permission("change"):
            columns.append(
                CheckInColumn(
                    "checkin",
                    label=gettext_lazy("Check-in"),
                    width="12%",
                    get_url=lambda registration: self.get_action_url(registration, "checkin"),
                )
            )
        return columns

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + action_buttons(
            instance, self.request.user, lambda name: self.get_action_url(instance, name)
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.selected_event and self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    gettext_lazy("An alle Angemeldeten schreiben"),
                    url=reverse(self.message_url_name, args=[self.selected_event.pk]),
                    icon_name="mail",
                )
            )
        return buttons

    def get_page_subtitle(self):
        return self.selected_event.title if self.selected_event else super().get_page_subtitle()

    def get_filename(self):
        if self.selected_event:
            return f"anmeldungen-{self.selected_event.slug}"[:100]
        return super().get_filename()

    # Exports: local time (not UTC) in both formats, yes/no in CSV, and no formulas that a
    # spreadsheet would run from a CSV file (registrants type these values on the public site;
    # Wagtail already stores such values as text in XLSX).
    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, str):
            # Whatever was stored before the input rules existed: openpyxl refuses control
            # characters, and an export must never fail.
            value = printable(value)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            local = timezone.localtime(value)
            if export_format == self.FORMAT_XLSX:
                return local.replace(tzinfo=None)
            return local.strftime("%Y-%m-%d %H:%M")
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(field, value, export_format)
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))


class RegistrationEditView(generic.EditView):
    """Corrections of personal data, refused once the registration is anonymised: the purge
    must not be undone by typing the data back in."""

    def get(self, request, *args, **kwargs):
        return self._refuse_anonymised() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_anonymised() or super().post(request, *args, **kwargs)

    def _refuse_anonymised(self):
        self.object = self.get_object()
        if self.object.anonymised_at is None:
            return None
        messages.error(
            self.request,
            _("Diese Anmeldung ist anonymisiert und kann nicht mehr bearbeitet werden."),
        )
        return redirect(self.get_inspect_url() or reverse(self.index_url_name))


class RegistrationHistoryView(history.HistoryView):
    # Everyone who may see registrations may see how they came to be.
    any_permission_required = ["view", "change"]


class RegistrationInspectView(generic.InspectView):
    action_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(Registration.objects.select_related("event"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        here = self.request.path
        return list(super().header_more_buttons) + action_buttons(
            self.object,
            self.request.user,
            lambda name: action_url(self.action_url_name, self.object, name, here),
        )

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if isinstance(value, datetime.datetime):
            return berlin_time(value)
        return "–" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The registration's history (ModelLogEntry), newest last, as the history view
        # words it; the full history view is linked from the header.
        entries = log_registry.get_logs_for_instance(self.object).select_related("user")
        context["log_entries"] = list(entries.order_by("timestamp", "pk"))
        return context


# --- organiser actions ---------------------------------------------------------------------


class RegistrationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET shows a confirmation page, POST carries the action out and returns to the list.

    A refused change (RegistrationError) becomes an error message, never a 500.
    """

    model = Registration
    permission_required = "change"
    template_name = "events/admin/registration_action.html"
    index_url_name = None
    header_icon = "group"

    @cached_property
    def action(self) -> Transition:
        action = REGISTRATION_STATES.by_name(self.kwargs["action"])
        if action is None:
            raise Http404
        return action

    @cached_property
    def object(self) -> Registration:
        return get_object_or_404(Registration.objects.select_related("event"), pk=self.kwargs["pk"])

    @cached_property
    def next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Registration._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form(self, data=None):
        return RegistrationActionForm(data, comment=self.action.comment)

    def get(self, request, *args, **kwargs):
        if not REGISTRATION_STATES.allows(self.object, self.action.target, by=request.user):
            messages.error(request, self.unavailable_message())
            return redirect(self.next_url)
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.set_registration_state(
                self.object,
                self.action.target,
                by=request.user,
                comment=form.cleaned_data.get("comment", ""),
                action=self.action.name,
            )
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, self.action.success_message % {"name": self.object.name})
        return redirect(self.next_url)

    def unavailable_message(self) -> str:
        return _("Diese Änderung ist bei einer Anmeldung im Status „%(status)s“ nicht möglich.") % {
            "status": self.object.get_status_display()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "registration": self.object,
                "action": self.action,
                "confirmation": self.action.confirmation % {"name": self.object.name},
                "next_url": self.next_url,
            }
        )
        return context


class OrganiserMessageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """ "An alle Angemeldeten schreiben": one message per registrant, through the outbox."""

    model = Registration
    permission_required = "change"
    form_class = OrganiserMessageForm
    template_name = "events/admin/organiser_message.html"
    index_url_name = None
    header_icon = "mail"
    page_title = gettext_lazy("An alle Angemeldeten schreiben")

    @cached_property
    def event(self) -> EventPage:
        event = get_object_or_404(EventPage, pk=self.kwargs["event_pk"])
        return selectors.canonical_event(event)

    @cached_property
    def listing_url(self) -> str:
        return f"{reverse(self.index_url_name)}?{urlencode({'event': self.event.pk})}"

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.listing_url, "label": Registration._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["counts"] = dict(
            Registration.objects.filter(event=self.event, anonymised_at__isnull=True)
            .order_by()
            .values_list("status")
            .annotate(total=Count("pk"))
        )
        return kwargs

    def form_valid(self, form):
        queued, skipped = services.send_organiser_message(
            event=self.event,
            statuses=form.cleaned_data["statuses"],
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["message"],
        )
        if queued:
            messages.success(
                self.request,
                ngettext(
                    "Die Nachricht wird an %(count)s Person verschickt.",
                    "Die Nachricht wird an %(count)s Personen verschickt.",
                    queued,
                )
                % {"count": queued},
            )
        else:
            messages.warning(
                self.request, _("In den gewählten Gruppen ist niemand: keine Nachricht verschickt.")
            )
        if skipped:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s Adresse ist als nicht zustellbar markiert und wurde ausgelassen.",
                    "%(count)s Adressen sind als nicht zustellbar markiert und wurden ausgelassen.",
                    skipped,
                )
                % {"count": skipped},
            )
        return redirect(self.listing_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"event": self.event, "listing_url": self.listing_url})
        return context
