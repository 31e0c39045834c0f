"""„Postausgang“ in the Wagtail admin: every mail the site sent or will send, its delivery
status, and „Erneut senden“ for failed ones. Read-only otherwise: mails are written only by
`outbox.services`."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from . import services
from .choices import EmailStatus
from .models import OutboundEmail

GOOD_STATUSES = frozenset({EmailStatus.SENT, EmailStatus.DELIVERED})


def related_object_label(email: OutboundEmail) -> str:
    """ "Anmeldung #12": the kind of object and its id (names stay out of the listing)."""
    if email.related_type_id is None:
        return ""
    model = email.related_type.model_class()
    kind = model._meta.verbose_name if model else email.related_type.model
    return f"{kind} #{email.related_id}"


class RelatedObjectColumn(Column):
    cell_template_name = "outbox/admin/related_object_cell.html"

    def __init__(self, name, **kwargs):
        # Not the object itself: its __str__ may read related rows, once per line.
        super().__init__(name, accessor="related_id", **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        related = instance.related_object
        context["label"] = related_object_label(instance)
        context["url"] = (
            AdminURLFinder(request.user).get_edit_url(related)
            if request is not None and related is not None
            else None
        )
        return context


class SubjectColumn(TitleColumn):
    cell_template_name = "outbox/admin/subject_cell.html"


class StatusAndAttemptsColumn(StatusTagColumn):
    cell_template_name = "outbox/admin/status_cell.html"


class ShortTextColumn(Column):
    """A long text (the last error) cut to one readable line; the full text is on the detail."""

    def get_value(self, instance):
        return Truncator(super().get_value(instance) or "").chars(80)


class OutboxIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .defer("body_text", "body_html", "attachments")
            .select_related("related_type")
            .prefetch_related("related_object")
        )

    @cached_property
    def columns(self):
        # Recipient and template below the subject, attempts below the status: the list fits
        # 1280 px instead of breaking the subject letter by letter.
        return [
            SubjectColumn(
                "subject",
                label=gettext_lazy("Betreff, Empfänger*in, Vorlage"),
                sort_key="subject",
                get_url=lambda email: self.get_inspect_url(email),
                width="32%",
            ),
            StatusAndAttemptsColumn(
                "status",
                accessor="get_status_display",
                label=gettext_lazy("Status, Versuche"),
                sort_key="status",
                primary=lambda email: email.status in GOOD_STATUSES,
                width="13%",
            ),
            RelatedObjectColumn("related_object", label=gettext_lazy("Bezug"), width="12%"),
            DateColumn(
                "next_attempt_at",
                label=gettext_lazy("Nächster Versuch"),
                sort_key="next_attempt_at",
                width="12%",
            ),
            ShortTextColumn("last_error", label=gettext_lazy("Letzter Fehler"), width="19%"),
            DateColumn(
                "created_at",
                label=gettext_lazy("Erstellt am"),
                sort_key="created_at",
                width="12%",
            ),
        ]


class OutboxInspectView(generic.InspectView):
    resend_url_name = None

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            # The site's time zone (Europe/Berlin), never UTC.
            local = timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))
            return date_format(local, "j. F Y, H:i:s")
        return "–" if value is None or value == "" else value

    def get_object(self, queryset=None):
        return get_object_or_404(OutboundEmail.objects.select_related("related_type"), pk=self.pk)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.can_be_resent and self.request.user.has_perm("outbox.resend_outboundemail"):
            buttons.append(
                HeaderButton(
                    _("Erneut senden"),
                    url=reverse(self.resend_url_name, args=[quote(self.object.pk)]),
                    icon_name="resubmit",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        related = self.object.related_object
        context.update(
            {
                "email": self.object,
                "related_label": str(related) if related is not None else "",
                "related_url": (
                    AdminURLFinder(self.request.user).get_edit_url(related) if related else None
                ),
                "attachment_names": [a["filename"] for a in self.object.attachments],
            }
        )
        return context


class OutboxHistoryView(history.HistoryView):
    # The history (who sent a mail again, when) is for everyone who may read the outbox.
    any_permission_required = ["view", "resend"]


class ResendView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """„Erneut senden“: GET asks for confirmation, POST queues the mail again."""

    model = OutboundEmail
    permission_required = "resend"
    template_name = "outbox/admin/resend.html"
    index_url_name = None
    inspect_url_name = None
    header_icon = "mail"
    page_title = gettext_lazy("Erneut senden")

    @cached_property
    def object(self) -> OutboundEmail:
        return get_object_or_404(OutboundEmail, pk=self.kwargs["pk"])

    @cached_property
    def inspect_url(self) -> str:
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_page_subtitle(self):
        return self.object.subject

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": OutboundEmail._meta.verbose_name_plural},
            {"url": self.inspect_url, "label": self.object.subject},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        if not self.object.can_be_resent:
            messages.error(request, self.refusal())
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.resend_email(self.object, by=request.user)
        except services.OutboxError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Die E-Mail an %(recipient)s wird erneut gesendet.")
                % {"recipient": self.object.recipient},
            )
        return redirect(get_valid_next_url_from_request(request) or self.inspect_url)

    def refusal(self) -> str:
        return _(
            "Nur fehlgeschlagene E-Mails können erneut gesendet werden (Status: %(status)s)."
        ) % {"status": self.object.get_status_display()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"email": self.object, "cancel_url": self.inspect_url})
        return context
