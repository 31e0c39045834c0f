"""Organisers' views in the Wagtail admin: registrations list, status actions, counts, messages.

Every status change goes through `services.set_registration_state` (or `cancel_registration`),
so the admin follows the same rules, audit trail and e-mails as the public site.
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
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
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from . import selectors, services
from .admin_forms import OrganiserMessageForm, RegistrationActionForm
from .choices import RegistrationStatus
from .models import EventPage, Registration

# What a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --- status actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationAction:
    name: str
    target: str
    from_statuses: tuple[str, ...]
    label: str
    confirmation: str
    success_message: str
    icon: str
    with_comment: bool = False
    serious: bool = False

    def is_available(self, registration: Registration) -> bool:
        return registration.anonymised_at is None and registration.status in self.from_statuses


ACTIONS = {
    action.name: action
    for action in (
        RegistrationAction(
            name="checkin",
            target=RegistrationStatus.ATTENDED,
            from_statuses=(RegistrationStatus.CONFIRMED,),
            label=gettext_lazy("Check-in"),
            confirmation=gettext_lazy("Teilnahme von %(name)s bestätigen (Check-in)?"),
            success_message=gettext_lazy("%(name)s ist eingecheckt."),
            icon="tick",
        ),
        RegistrationAction(
            name="undo-checkin",
            target=RegistrationStatus.CONFIRMED,
            from_statuses=(RegistrationStatus.ATTENDED,),
            label=gettext_lazy("Check-in zurücknehmen"),
            confirmation=gettext_lazy("Check-in von %(name)s zurücknehmen?"),
            success_message=gettext_lazy("Der Check-in von %(name)s ist zurückgenommen."),
            icon="undo",
        ),
        RegistrationAction(
            name="approve",
            target=RegistrationStatus.CONFIRMED,
            from_statuses=(RegistrationStatus.PENDING,),
            label=gettext_lazy("Freigeben"),
            confirmation=gettext_lazy(
                "Anmeldung von %(name)s freigeben? Die Person erhält eine Bestätigung per E-Mail."
            ),
            success_message=gettext_lazy("Die Anmeldung von %(name)s ist freigegeben."),
            icon="check",
        ),
        RegistrationAction(
            name="waitlist",
            target=RegistrationStatus.WAITLISTED,
            from_statuses=(RegistrationStatus.PENDING,),
            label=gettext_lazy("Auf die Warteliste setzen"),
            confirmation=gettext_lazy(
                "%(name)s auf die Warteliste setzen? Die Person erhält eine Nachricht per E-Mail."
            ),
            success_message=gettext_lazy("%(name)s steht jetzt auf der Warteliste."),
            icon="time",
        ),
        RegistrationAction(
            name="cancel",
            target=RegistrationStatus.CANCELLED,
            from_statuses=(
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.PENDING,
            ),
            label=gettext_lazy("Stornieren"),
            confirmation=gettext_lazy(
                "Anmeldung von %(name)s stornieren? Die Person erhält eine Stornobestätigung per "
                "E-Mail; ein frei werdender Platz geht an die erste Person auf der Warteliste."
            ),
            success_message=gettext_lazy("Die Anmeldung von %(name)s ist storniert."),
            icon="cross",
            with_comment=True,
            serious=True,
        ),
    )
}


def apply_registration_action(
    registration: Registration, action: RegistrationAction, *, by, comment: str = ""
) -> Registration:
    """Carry out an organiser action through the registration service.

    The service's transition table allows more than each button means (waitlisted ->
    confirmed is how the waiting list moves up, without a capacity check), so the status the
    organiser saw is re-checked with the rows locked in the service's order (event, then
    registration), inside the same transaction. Raises RegistrationError.
    """
    with transaction.atomic():
        EventPage.objects.select_for_update().filter(pk=registration.event_id).first()
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if not action.is_available(current):
            raise services.RegistrationError(
                _("Diese Änderung ist bei einer Anmeldung im Status „%(status)s“ nicht möglich.")
                % {"status": current.get_status_display()}
            )
        if action.target == RegistrationStatus.CANCELLED:
            return services.cancel_registration(current, by=by, comment=comment)
        return services.set_registration_state(current, action.target, by=by, comment=comment)


def action_url(url_name: str, registration: Registration, action: str, next_url: str = "") -> str:
    url = reverse(url_name, args=[quote(registration.pk), action])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# --- listing -------------------------------------------------------------------------------


class EmailUnreachableColumn(Column):
    """A warning where a hard bounce marked the address as unreachable."""

    cell_template_name = "events/admin/email_unreachable_cell.html"


class CheckInColumn(Column):
    """One-click check-in (a POST form with CSRF token) for confirmed registrations."""

    cell_template_name = "events/admin/checkin_cell.html"

    def __init__(self, name, *, get_url, **kwargs):
        super().__init__(name, accessor="status", **kwargs)
        self._get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["checkin_url"] = (
            self._get_url(instance) if ACTIONS["checkin"].is_available(instance) else ""
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
            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        columns = [
            RegistrationTitleColumn(
                "name",
                label=gettext_lazy("Name"),
                sort_key="name",
                width="18%",
                get_url=lambda registration: (
                    self.get_inspect_url(registration) or self.get_edit_url(registration)
                ),
            ),
            Column("email", label=gettext_lazy("E-Mail"), sort_key="email"),
            Column("organisation", label=gettext_lazy("Organisation"), sort_key="organisation"),
            # Left out when the list shows one event only: its title is in the header then.
            *(
                []
                if self.selected_event
                else [
                    Column(
                        "event",
                        accessor="event.title",
                        label=gettext_lazy("Veranstaltung"),
                        sort_key="event__start",
                    )
                ]
            ),
            StatusTagColumn(
                "status",
                accessor="get_status_display",
                label=gettext_lazy("Status"),
                sort_key="status",
                primary=lambda registration: registration.status in selectors.CONFIRMED_STATUSES,
            ),
            DateColumn("created_at", label=gettext_lazy("Angemeldet am"), sort_key="created_at"),
            Column(
                "participation_mode",
                accessor="get_participation_mode_display",
                label=gettext_lazy("Teilnahme"),
            ),
            EmailUnreachableColumn(
                "email_unreachable", label=gettext_lazy("Zustellbarkeit"), sort_key=None
            ),
        ]
        if self.user_has_permission("change"):
            columns.append(
                CheckInColumn(
                    "checkin",
                    label=gettext_lazy("Check-in"),
                    get_url=lambda registration: self.get_action_url(registration, "checkin"),
                )
            )
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        for priority, action in enumerate(ACTIONS.values(), start=40):
            if action.is_available(instance):
                buttons.append(
                    Button(
                        action.label,
                        url=self.get_action_url(instance, action.name),
                        icon_name=action.icon,
                        priority=priority,
                    )
                )
        return buttons

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
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            local = timezone.localtime(value)
            if export_format == self.FORMAT_XLSX:
                return local.replace(tzinfo=None)
            return local.strftime("%Y-%m-%d %H:%M")
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(field, value, export_format)
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            return "'" + value
        return value


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


class RegistrationInspectView(generic.InspectView):
    action_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(Registration.objects.select_related("event"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change"):
            here = self.request.path
            for priority, action in enumerate(ACTIONS.values(), start=40):
                if action.is_available(self.object):
                    buttons.append(
                        Button(
                            action.label,
                            url=action_url(self.action_url_name, self.object, action.name, here),
                            icon_name=action.icon,
                            priority=priority,
                        )
                    )
        return buttons

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        return "–" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["log_entries"] = [
            {
                "created_at": entry.created_at,
                "from_label": status_label(entry.from_status),
                "to_label": status_label(entry.to_status),
                "actor": actor_label(entry),
                "comment": entry.comment,
            }
            for entry in self.object.log_entries.select_related("actor")
        ]
        return context


def status_label(value: str) -> str:
    return RegistrationStatus(value).label if value in RegistrationStatus.values else value


def actor_label(entry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.get_username()
    labels = {"registrant": _("Angemeldete Person"), "system": _("System")}
    return labels.get(entry.actor_label, entry.actor_label)


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
    def action(self) -> RegistrationAction:
        try:
            return ACTIONS[self.kwargs["action"]]
        except KeyError:
            raise Http404 from None

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
        return RegistrationActionForm(data, with_comment=self.action.with_comment)

    def get(self, request, *args, **kwargs):
        if not self.action.is_available(self.object):
            messages.error(request, self.unavailable_message())
            return redirect(self.next_url)
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            apply_registration_action(
                self.object,
                self.action,
                by=request.user,
                comment=form.cleaned_data.get("comment", ""),
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
        return services.canonical_event(event)

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
