"""Forms of the organisers' views in the Wagtail admin."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

from home.forms import PlainTextField
from home.transitions import NO_COMMENT, REQUIRED_COMMENT

from .choices import ACTIVE_STATUSES, RegistrationStatus
from .models import EventPage, Registration

# Whom an organiser can write to; cancelled registrations never get organiser mail.
MESSAGE_STATUSES = ACTIVE_STATUSES
DEFAULT_MESSAGE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.WAITLISTED,
)


class RegistrationActionForm(forms.Form):
    """Confirmation of an organiser action; the comment goes into the audit trail."""

    comment = PlainTextField(
        multiline=True,
        label=_("Kommentar"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Wird im Protokoll der Anmeldung gespeichert, nicht versendet."),
    )

    def __init__(self, *args, comment: str = NO_COMMENT, **kwargs):
        """`comment`: whether the transition asks for one (see home.transitions)."""
        super().__init__(*args, **kwargs)
        if comment == NO_COMMENT:
            del self.fields["comment"]
        elif comment == REQUIRED_COMMENT:
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Pflichtangabe. Wird im Protokoll gespeichert.")


class OrganiserMessageForm(forms.Form):
    """ "An alle Angemeldeten schreiben": one message to the chosen groups of an event."""

    subject = PlainTextField(label=_("Betreff"), max_length=200)
    message = PlainTextField(
        multiline=True,
        label=_("Text der Nachricht"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Reiner Text ohne HTML."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Empfänger*innen"),
        choices=[(status.value, status.label) for status in MESSAGE_STATUSES],
        initial=[status.value for status in DEFAULT_MESSAGE_STATUSES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Gruppe aus.")},
    )

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if counts is not None:
            # Show how many people each group reaches, e.g. "Bestätigt (12)".
            self.fields["statuses"].choices = [
                (status.value, f"{status.label} ({counts.get(status.value, 0)})")
                for status in MESSAGE_STATUSES
            ]


def events_for_filter(request):
    return EventPage.objects.filter(locale=Locale.get_default()).order_by("-start")


class EventChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({date_format(timezone.localtime(obj.start), 'SHORT_DATE_FORMAT')})"


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    event = EventFilter(
        label=_("Veranstaltung"),
        queryset=events_for_filter,
        empty_label=_("Alle Veranstaltungen"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=RegistrationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    email_unreachable = django_filters.BooleanFilter(
        label=_("E-Mail nicht zustellbar"),
        widget=forms.RadioSelect(
            choices=[("", _("Alle")), ("true", _("Ja"))],
        ),
    )

    class Meta:
        model = Registration
        fields = []
