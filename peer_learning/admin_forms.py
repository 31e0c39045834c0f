"""Forms of the facilitators' admin: the confirmation of a state change, „Peer zuordnen“, the
round form, the redacted version, and the filters of the case list."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale

from events.models import EventPage
from home.forms import PlainTextField
from home.models import FocusArea, Municipality
from home.transitions import NO_COMMENT, REQUIRED_COMMENT

from . import selectors
from .choices import AssignmentRole, CaseStatus, MembershipRole
from .models import Case, Membership, PeerLearningRound

# The permissions that make someone a facilitator or ism staff (see transitions.is_staff).
FACILITATOR_CODENAMES = ("facilitate", "view_all_rounds")


class TransitionActionForm(forms.Form):
    """Confirmation of a facilitator's action; the comment goes into the audit trail (and, where
    the change sends a mail, to the municipality)."""

    comment = PlainTextField(
        multiline=True,
        label=_("Kommentar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, comment: str = NO_COMMENT, sent: bool = False, **kwargs):
        """`comment`: whether the transition asks for one (see home.transitions); `sent`:
        whether the change sends a mail that quotes it."""
        super().__init__(*args, **kwargs)
        if comment == NO_COMMENT:
            del self.fields["comment"]
            return
        field = self.fields["comment"]
        if comment == REQUIRED_COMMENT:
            field.required = True
            field.label = _("Begründung")
            field.error_messages["required"] = _("Bitte geben Sie eine Begründung an.")
            field.help_text = (
                _(
                    "Pflichtangabe. Die Kommune erhält den Text mit der Benachrichtigung; er wird "
                    "auch im Protokoll gespeichert."
                )
                if sent
                else _("Pflichtangabe. Wird im Protokoll gespeichert.")
            )
        else:
            field.help_text = (
                _(
                    "Optional. Die Kommune erhält den Text mit der Benachrichtigung; er wird auch "
                    "im Protokoll gespeichert."
                )
                if sent
                else _("Optional. Wird im Protokoll gespeichert.")
            )


# --- peers ---------------------------------------------------------------------------------


def peer_candidates(case: Case):
    """Who may be offered for `case`: active people with an active membership in another
    municipality that takes part in the case's round, not yet assigned to the case.

    (Someone who also belongs to the case's own municipality is offered too: the service
    refuses them with its message.)
    """
    User = get_user_model()
    if case.round_id is None:
        return User.objects.none()
    partner_memberships = (
        Membership.objects.active()
        .filter(municipality__in=case.round.municipalities.all())
        .exclude(municipality_id=case.municipality_id)
    )
    return (
        User.objects.filter(is_active=True, pk__in=partner_memberships.values("user_id"))
        .exclude(pk__in=case.assignments.values("user_id"))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=partner_memberships.select_related("municipality"),
                to_attr="partner_memberships",
            )
        )
        .order_by("last_name", "first_name", "email")
    )


class PeerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.email
        municipalities = ", ".join(
            membership.municipality.name for membership in getattr(obj, "partner_memberships", [])
        )
        return f"{name} ({municipalities})" if municipalities else name


class PeerAssignmentForm(forms.Form):
    """„Peer zuordnen“: a person of another partner municipality, their role and a due date."""

    user = PeerChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Bitte wählen"),
        help_text=_("Personen aus den anderen Kommunen, die an der Runde teilnehmen."),
        error_messages={
            "required": _("Bitte wählen Sie eine Person aus."),
            "invalid_choice": _(
                "Diese Person kann dem Fall nicht zugeordnet werden. Bitte wählen Sie jemanden "
                "aus einer anderen Kommune der Runde."
            ),
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=AssignmentRole.choices, initial=AssignmentRole.PEER
    )
    due_date = forms.DateField(
        label=_("Fällig am"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Bis wann der Beitrag erwartet wird (optional)."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["user"].queryset = peer_candidates(case)
        if case.round_id and case.round.feedback_due:
            self.fields["due_date"].initial = case.round.feedback_due

    def clean_due_date(self):
        due_date = self.cleaned_data.get("due_date")
        if due_date and due_date < timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Vergangenheit."))
        return due_date


# --- rounds --------------------------------------------------------------------------------


def facilitator_candidates():
    """Active people who may run a round: those with the facilitator permission (directly or
    through a group), ism staff and superusers."""
    permissions = Permission.objects.filter(
        content_type__app_label="peer_learning", codename__in=FACILITATOR_CODENAMES
    )
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permissions)
            | Q(groups__permissions__in=permissions),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({date_format(timezone.localtime(obj.start), 'SHORT_DATE_FORMAT')})"


class RoundForm(WagtailAdminModelForm):
    """A round, by ism staff: dates, the municipalities taking part, who facilitates it."""

    event = EventChoiceField(
        label=_("Veranstaltung"),
        queryset=EventPage.objects.none(),
        required=False,
        empty_label=_("Keine Veranstaltung"),
        help_text=_("Optional: die Veranstaltung, in der die Runde tagt."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommunen"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Kommune aus.")},
    )
    facilitators = PersonChoiceField(
        label=_("Fachbegleitung"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Zur Auswahl stehen Personen mit der Berechtigung „Runden als Fachbegleitung "
            "betreuen“ (Gruppe im Admin unter Einstellungen → Gruppen)."
        ),
    )

    # The dates after the deadline for cases, in the order they come.
    LATER_DATES = ("clarification_until", "feedback_due", "session_date")

    class Meta:
        model = PeerLearningRound
        fields = [
            "title",
            "description",
            "format",
            "status",
            "case_deadline",
            "clarification_until",
            "feedback_due",
            "session_date",
            "event",
            "municipalities",
            "facilitators",
            "attribution",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("-start")
        candidates = facilitator_candidates()
        if self.instance.pk:
            # People who facilitate the round already stay selectable (and removable).
            User = get_user_model()
            candidates = User.objects.filter(
                Q(pk__in=candidates.values("pk"))
                | Q(pk__in=self.instance.facilitators.values("pk"))
            ).order_by("last_name", "first_name", "email")
        self.fields["facilitators"].queryset = candidates

    def clean(self):
        cleaned_data = super().clean()
        deadline = cleaned_data.get("case_deadline")
        previous = deadline
        for name in self.LATER_DATES:
            value = cleaned_data.get(name)
            if not value:
                continue
            if deadline and value < deadline:
                self.add_error(name, _("Dieses Datum liegt vor dem Einsendeschluss für Fälle."))
            elif previous and value < previous:
                self.add_error(name, _("Dieses Datum liegt vor dem vorigen Termin der Runde."))
            previous = value
        return cleaned_data


# --- cases ---------------------------------------------------------------------------------


class RedactedVersionForm(WagtailAdminModelForm):
    """The facilitator's shortened text of a confidential case: all that peers see of it."""

    redacted_version = PlainTextField(
        multiline=True,
        label=_("Gekürzte Fassung für Peers"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Peers sehen bei vertraulichen Fällen nur diesen Text. Bitte lassen Sie alles weg, "
            "was auf Personen oder die Kommune schließen lässt."
        ),
    )

    class Meta:
        model = Case
        fields = ["redacted_version"]


def rounds_for_filter(request):
    if request is None:
        return PeerLearningRound.objects.none()
    return selectors.rounds_facilitated(request.user).order_by("-case_deadline")


def municipalities_for_filter(request):
    if request is None:
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            peer_learning_rounds__in=selectors.rounds_facilitated(request.user)
        )
        .distinct()
        .order_by("name")
    )


def focus_areas_for_filter(request):
    return FocusArea.objects.filter(locale=Locale.get_default()).order_by("number")


class CaseFilterSet(WagtailFilterSet):
    round = django_filters.ModelChoiceFilter(
        label=_("Runde"), queryset=rounds_for_filter, empty_label=_("Alle Runden")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[
            (value, label)
            for value, label in CaseStatus.choices
            if value in selectors.FACILITATOR_STATUSES
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"), queryset=municipalities_for_filter, empty_label=_("Alle Kommunen")
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Gestaltungsbereich"),
        queryset=focus_areas_for_filter,
        empty_label=_("Alle Gestaltungsbereiche"),
        method="filter_focus_area",
    )

    class Meta:
        model = Case
        fields = []

    def filter_focus_area(self, queryset, name, value):
        # A case may point at the translation its member's portal language showed.
        if not value:
            return queryset
        return queryset.filter(focus_area__translation_key=value.translation_key)


class InviteMemberForm(forms.Form):
    """A facilitator invites a person of a partner municipality to the portal."""

    name = PlainTextField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.filter(is_partner=True),
        empty_label=_("Bitte wählen"),
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )
