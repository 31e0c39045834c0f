"""The facilitators' views in the Wagtail admin: rounds, cases, their state changes and the
peer assignments (the viewsets are in wagtail_hooks).

Who sees what: ism staff (superusers, `peer_learning.view_all_rounds`) every round and every
submitted case; facilitators (`peer_learning.facilitate`) only the rounds they run and the
submitted cases of those rounds, never drafts. The permission policies below answer both the
menu and each view; every object is looked up in the user's own queryset, so anything else
answers 404.

The actions offered are the named transitions of `transitions.CASE_STATES` and
`transitions.ASSIGNMENT_STATES` that a facilitator may make, and every one goes through the
service (`set_case_state`, `set_assignment_state`, `assign_peer`): the admin follows the same
rules, audit trail and e-mails as the portal.

„Auswertung“ (`EvaluationView`, `EvaluationExportView`) counts what came of the cases of the
same rounds: per municipality and per Gestaltungsbereich, never per person or case.
"""

import csv

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
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
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from home.audit import log_entries_for
from home.locales import default_locale
from home.models import FocusArea, Municipality
from home.templatetags.date_tags import day_date
from home.text import spreadsheet_safe

from . import selectors, services
from .admin_forms import InviteMemberForm, PeerAssignmentForm, TransitionActionForm
from .choices import (
    ActionStatus,
    AssignmentStatus,
    CaseStatus,
    Confidentiality,
    FeedbackStatus,
    HelpWanted,
    IdeaResponse,
    Method,
    RoundStatus,
)
from .models import ActionItem, Case, Feedback, Idea, PeerAssignment, PeerLearningRound
from .transitions import (
    ASSIGNMENT_STATES,
    CASE_STATES,
    FACILITATOR,
    PeerLearningError,
    is_staff,
)

FACILITATE = "peer_learning.facilitate"
# Where a case waits for the facilitators.
WAITING_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.RESUBMITTED})
# When peers can be assigned (as services.assign_peer requires).
ASSIGNABLE_STATUSES = frozenset({CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION})

# --- who may do what -----------------------------------------------------------------------


def facilitated_cases(user):
    """The cases a facilitator works with: the submitted (not draft) cases of their rounds;
    for ism staff those of every round."""
    return Case.objects.filter(
        round__in=selectors.rounds_facilitated(user),
        status__in=selectors.FACILITATOR_STATUSES,
    ).select_related("municipality", "round", "focus_area")


class PeerLearningPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Wagtail's view of the peer-learning permissions (both are on PeerLearningRound):
    ism staff may do `staff_actions`, facilitators `facilitator_actions`, each on the objects
    of `instances_for(user)` only."""

    staff_actions: frozenset[str] = frozenset()
    facilitator_actions: frozenset[str] = frozenset()

    def __init__(self, model):
        super().__init__(model, auth_model=PeerLearningRound)

    def instances_for(self, user):
        raise NotImplementedError

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if is_staff(user):
            return action in self.staff_actions
        return action in self.facilitator_actions and user.has_perm(FACILITATE)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_for(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.instances_for(user)
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        codenames = set()
        if set(actions) & self.staff_actions:
            codenames.add("view_all_rounds")
        if set(actions) & self.facilitator_actions:
            codenames.add("facilitate")
        if not codenames:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames(codenames)


class RoundPermissionPolicy(PeerLearningPermissionPolicy):
    # Facilitators read their rounds; ism staff plan them.
    staff_actions = frozenset({"view", "add", "change"})
    facilitator_actions = frozenset({"view"})

    def instances_for(self, user):
        return selectors.rounds_facilitated(user)


class CasePermissionPolicy(PeerLearningPermissionPolicy):
    # "change": the state actions, peer assignments and the redacted version.
    staff_actions = frozenset({"view", "change"})
    facilitator_actions = frozenset({"view", "change"})

    def instances_for(self, user):
        return facilitated_cases(user)


round_policy = RoundPermissionPolicy(PeerLearningRound)
case_policy = CasePermissionPolicy(Case)


# --- status actions ------------------------------------------------------------------------


def facilitator_actions(machine, obj, user):
    """The named transitions of `machine` that `user` may make on `obj` now as facilitator
    (not those they could make as a member of the municipality, say)."""
    return [t for t in machine.actions_for(obj, by=user) if FACILITATOR in t.actors]


def listed_case_actions(case):
    """The same for a case of the list: its queryset holds only cases of rounds the user
    facilitates, so the role is known and no query per row is needed."""
    return [t for t in CASE_STATES.actions_for(case, by=FACILITATOR) if FACILITATOR in t.actors]


def with_next(url: str, next_url: str = "") -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def action_buttons(actions, url_for, *, start=40) -> list[Button]:
    return [
        Button(
            transition.label,
            url=url_for(transition.name),
            icon_name=transition.icon,
            priority=priority,
        )
        for priority, transition in enumerate(actions, start=start)
    ]


# --- display helpers -----------------------------------------------------------------------


def yes_no(value) -> str:
    return _("ja") if value else _("nein")


def person_name(user) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.email


# The fields of a case's content as the inspect page shows them, in the order of the form.
CONTENT_LABELS = {
    "summary": gettext_lazy("Kurzbeschreibung"),
    "focus_area": gettext_lazy("Gestaltungsbereich"),
    "situation": gettext_lazy("Was passiert?"),
    "actors": gettext_lazy("Beteiligte und ihre Interessen"),
    "tried": gettext_lazy("Was wurde schon versucht, mit welcher Wirkung?"),
    "key_question": gettext_lazy("Schlüsselfrage"),
    "help_wanted": gettext_lazy("Gewünschte Unterstützung"),
    "method": gettext_lazy("Bevorzugte Methode"),
    "constraints_text": gettext_lazy("Rahmenbedingungen"),
    "success_criteria": gettext_lazy("Woran würden Sie Erfolg erkennen?"),
    "confidentiality": gettext_lazy("Vertraulichkeit"),
    "no_personal_data_confirmed": gettext_lazy(
        "Enthält keine personenbezogenen Daten von Klient*innen"
    ),
    "publication_consent": gettext_lazy(
        "Einverständnis mit späterer anonymisierter Veröffentlichung"
    ),
    "attachments": gettext_lazy("Anhänge"),
}


def _display(key: str, value) -> str:
    if key == "help_wanted":
        labels = dict(HelpWanted.choices)
        return ", ".join(str(labels.get(item, item)) for item in value or [])
    if key == "method":
        return str(dict(Method.choices).get(value, value or ""))
    if key == "confidentiality":
        return str(dict(Confidentiality.choices).get(value, value or ""))
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def content_rows(content: dict, previous: dict | None = None) -> list[dict]:
    """(label, text, changed) for each field of a case's content (a revision's JSON or the
    case now), `changed` against the `previous` version."""
    rows = []
    for key, label in CONTENT_LABELS.items():
        if key not in content:
            continue
        text = _display(key, content[key])
        changed = previous is not None and _display(key, previous.get(key)) != text
        rows.append({"label": label, "text": text, "changed": changed})
    return rows


def current_content(case: Case) -> dict:
    """The case now, as a revision keeps it (without the attachments: listed apart)."""
    content = case.content()
    content["focus_area"] = str(case.focus_area) if case.focus_area_id else ""
    return content


def local_time(value) -> str:
    """ "20. Januar 2027, 10:00": facilitators read the site's time zone, never UTC."""
    if not value:
        return "–"
    return date_format(timezone.localtime(value), "j. F Y, H:i")


def audit_trail(case: Case, assignments) -> list[dict]:
    """The case's history and that of its assignments (ModelLogEntry), oldest first."""
    by_pk = {str(assignment.pk): assignment for assignment in assignments}
    entries = (
        log_entries_for(Case, [case.pk]) | log_entries_for(PeerAssignment, list(by_pk))
    ).select_related("user", "content_type")
    trail = []
    for entry in entries.order_by("timestamp", "pk"):
        assignment = (
            by_pk.get(entry.object_id)
            if entry.content_type.model_class() is PeerAssignment
            else None
        )
        trail.append(
            {
                "timestamp": entry.timestamp,
                "subject": (
                    _("Zuordnung: %(name)s") % {"name": person_name(assignment.user)}
                    if assignment
                    else _("Fall")
                ),
                "message": entry.message,
                "user": entry.user_display_name if entry.user_id else "",
                "comment": entry.comment,
            }
        )
    return trail


# --- rounds --------------------------------------------------------------------------------


class DayColumn(Column):
    """A date as "20. Januar 2027" (deadlines are days, not moments)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return day_date(value) if value else "–"


class RoundCasesColumn(Column):
    """The number of submitted cases, linked to the case list filtered by the round."""

    cell_template_name = "peer_learning/admin/round_cases_cell.html"

    def __init__(self, name, *, get_url, **kwargs):
        super().__init__(name, accessor="case_count", **kwargs)
        self._get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self._get_url(instance)
        return context


class RoundIndexView(generic.IndexView):
    cases_url_name = None

    def get_base_queryset(self):
        return round_policy.instances_for(self.request.user).annotate(
            case_count=Count("cases", filter=Q(cases__status__in=selectors.FACILITATOR_STATUSES))
        )

    def get_cases_url(self, round_) -> str:
        return f"{reverse(self.cases_url_name)}?{urlencode({'round': round_.pk})}"

    @cached_property
    def columns(self):
        view = self

        class RoundTitleColumn(ButtonsColumnMixin, TitleColumn):
            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        return [
            RoundTitleColumn(
                "title",
                label=gettext_lazy("Titel"),
                sort_key="title",
                width="34%",
                get_url=lambda round_: self.get_edit_url(round_) or self.get_inspect_url(round_),
            ),
            StatusTagColumn(
                "status",
                accessor="get_status_display",
                label=gettext_lazy("Status"),
                sort_key="status",
                primary=lambda round_: round_.status == RoundStatus.OPEN,
                width="16%",
            ),
            DayColumn(
                "case_deadline",
                label=gettext_lazy("Fälle einreichen bis"),
                sort_key="case_deadline",
                width="18%",
            ),
            DayColumn(
                "session_date",
                label=gettext_lazy("Sitzung am"),
                sort_key="session_date",
                width="18%",
            ),
            RoundCasesColumn(
                "case_count",
                label=gettext_lazy("Fälle"),
                sort_key="case_count",
                width="14%",
                get_url=self.get_cases_url,
            ),
        ]

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + [
            Button(
                _("Fälle ansehen"),
                url=self.get_cases_url(instance),
                icon_name="clipboard-list",
                priority=40,
            )
        ]


class RoundInspectView(generic.InspectView):
    cases_url_name = None
    history_url_name = None

    def get_object(self, queryset=None):
        # Looked up before the permission check: refuse those without it the same way.
        if not round_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        return get_object_or_404(round_policy.instances_for(self.request.user), pk=self.pk)

    def get_facilitators_display_value(self):
        return ", ".join(person_name(user) for user in self.object.facilitators.all()) or "–"

    def get_municipalities_display_value(self):
        return ", ".join(m.name for m in self.object.municipalities.order_by("name")) or "–"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None or value == "" else value

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Fälle dieser Runde"),
                url=f"{reverse(self.cases_url_name)}?{urlencode({'round': self.object.pk})}",
                icon_name="clipboard-list",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_url"] = reverse(self.history_url_name, args=[quote(self.object.pk)])
        return context


class RoundEditView(generic.EditView):
    def get_queryset(self):
        return round_policy.instances_user_has_any_permission_for(self.request.user, ["change"])


class RoundHistoryView(history.HistoryView):
    # Facilitators may read how their rounds came to be.
    any_permission_required = ["view", "change"]
    inspect_url_name = None

    def get_base_object_queryset(self):
        if not round_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        return round_policy.instances_for(self.request.user)

    def get_edit_url(self, instance):
        if round_policy.user_has_permission(self.request.user, "change"):
            return super().get_edit_url(instance)
        return reverse(self.inspect_url_name, args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        if round_policy.user_has_permission(self.request.user, "change"):
            return super().header_buttons
        return [
            HeaderButton(_("Zur Runde"), url=self.get_edit_url(self.object), icon_name="calendar")
        ]


# --- the case list -------------------------------------------------------------------------


class ConfidentialityColumn(Column):
    """The level's short name ("Vertraulich"), the full wording on hover."""

    cell_template_name = "peer_learning/admin/confidentiality_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        label = instance.get_confidentiality_display()
        context["short_label"] = label.split(":", 1)[0]
        context["label"] = label
        return context


class CaseIndexView(generic.IndexView):
    action_url_name = None

    def get_base_queryset(self):
        # The synthesis with the case: releasing needs one (CASE_STATES), and each row's
        # actions must not cost a query.
        return facilitated_cases(self.request.user).select_related("synthesis")

    @cached_property
    def listing_url(self) -> str:
        """This listing with its filters, search and page: where actions return to."""
        params = self.request.GET.copy()
        for name in ("_w_filter_fragment", "export"):
            params.pop(name, None)
        query = params.urlencode()
        return f"{self.index_url}?{query}" if query else self.index_url

    def get_action_url(self, case, action: str) -> str:
        return with_next(reverse(self.action_url_name, args=[case.pk, action]), self.listing_url)

    @cached_property
    def columns(self):
        view = self

        class CaseTitleColumn(ButtonsColumnMixin, TitleColumn):
            cell_template_name = "peer_learning/admin/case_title_cell.html"

            def get_buttons(self, instance, parent_context):
                return view.get_list_buttons(instance)

        # The municipality below the title, short words for the confidentiality: the list
        # fits 1280 px without breaking titles letter by letter.
        return [
            CaseTitleColumn(
                "title",
                label=gettext_lazy("Titel, Kommune"),
                sort_key="title",
                width="34%",
                get_url=self.get_inspect_url,
            ),
            Column(
                "round",
                accessor="round.title",
                label=gettext_lazy("Runde"),
                sort_key="round__case_deadline",
                width="20%",
            ),
            StatusTagColumn(
                "status",
                accessor="get_status_display",
                label=gettext_lazy("Status"),
                sort_key="status",
                primary=lambda case: case.status in WAITING_STATUSES,
                width="16%",
            ),
            ConfidentialityColumn(
                "confidentiality",
                label=gettext_lazy("Vertraulichkeit"),
                sort_key="confidentiality",
                width="14%",
            ),
            DateColumn(
                "submitted_at",
                label=gettext_lazy("Eingereicht am"),
                sort_key="submitted_at",
                width="16%",
            ),
        ]

    def get_edit_url(self, instance):
        # The only edit view is the redacted version, offered on the case's page.
        return None

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + action_buttons(
            listed_case_actions(instance), lambda name: self.get_action_url(instance, name)
        )


# --- one case ------------------------------------------------------------------------------


class CaseObjectMixin:
    """Looks the case up among those the user facilitates: anything else is a 404 (and
    without the permission the admin's refusal, as for the list)."""

    def get_case(self, pk) -> Case:
        if not case_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        return get_object_or_404(facilitated_cases(self.request.user), pk=pk)


class CaseInspectView(CaseObjectMixin, generic.InspectView):
    history_url_name = None
    action_url_name = None
    assign_url_name = None
    assignment_action_url_name = None
    page_title = gettext_lazy("Fall")

    def get_object(self, queryset=None):
        return self.get_case(self.pk)

    def get_edit_url(self):
        return None

    @cached_property
    def redacted_url(self) -> str:
        if self.object.confidentiality != Confidentiality.CONFIDENTIAL:
            return ""
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    @cached_property
    def actions(self):
        return facilitator_actions(CASE_STATES, self.object, self.request.user)

    def get_action_url(self, name: str) -> str:
        return with_next(
            reverse(self.action_url_name, args=[self.object.pk, name]), self.request.path
        )

    @cached_property
    def header_more_buttons(self):
        buttons = action_buttons(self.actions, self.get_action_url)
        if self.redacted_url:
            buttons.append(
                Button(
                    _("Gekürzte Fassung bearbeiten"),
                    url=self.redacted_url,
                    icon_name="edit",
                    priority=60,
                )
            )
        return buttons

    def get_fields_context(self):
        case = self.object
        facts = [
            (_("Kommune"), case.municipality.name),
            (_("Runde"), case.round.title if case.round else "–"),
            (_("Status"), case.get_status_display()),
            (_("Vertraulichkeit"), case.get_confidentiality_display()),
            (_("Eingereicht am"), local_time(case.submitted_at)),
            (_("Angelegt von"), person_name(case.created_by)),
        ]
        return [{"label": label, "value": value, "component": None} for label, value in facts]

    def get_assignments(self):
        return list(
            self.object.assignments.select_related("user").prefetch_related(
                "user__memberships__municipality"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        assignments = self.get_assignments()
        for assignment in assignments:
            assignment.name = person_name(assignment.user)
            assignment.primary = assignment.status in (
                AssignmentStatus.ACCEPTED,
                AssignmentStatus.DONE,
            )
            assignment.municipalities = ", ".join(
                membership.municipality.name for membership in assignment.user.memberships.all()
            )
            assignment.actions = [
                {
                    "label": transition.label,
                    "url": with_next(
                        reverse(
                            self.assignment_action_url_name, args=[assignment.pk, transition.name]
                        ),
                        self.request.path,
                    ),
                }
                for transition in facilitator_actions(ASSIGNMENT_STATES, assignment, user)
            ]
        revisions = list(case.revisions.select_related("created_by").order_by("number"))
        shown_revisions = []
        previous = None
        for revision in revisions:
            shown_revisions.append(
                {
                    "number": revision.number,
                    "created_at": revision.created_at,
                    "created_by": person_name(revision.created_by),
                    "title": revision.content.get("title", ""),
                    "rows": content_rows(revision.content, previous),
                }
            )
            previous = revision.content
        assignable = case.status in ASSIGNABLE_STATUSES
        context.update(
            {
                "case": case,
                "content": content_rows(current_content(case)),
                "attachments": list(case.attachments.all()),
                "revisions": list(reversed(shown_revisions)),
                "assignments": assignments,
                "assignable": assignable,
                "assign_form": PeerAssignmentForm(case=case) if assignable else None,
                "assign_url": reverse(self.assign_url_name, args=[case.pk]),
                "actions": [
                    {"transition": transition, "url": self.get_action_url(transition.name)}
                    for transition in self.actions
                ],
                "redacted_url": self.redacted_url,
                "log_entries": audit_trail(case, assignments),
                "history_url": reverse(self.history_url_name, args=[quote(case.pk)]),
            }
        )
        return context


class CaseRedactedVersionView(CaseObjectMixin, generic.EditView):
    """„Gekürzte Fassung bearbeiten“: the one field a facilitator edits, and only for
    confidential cases (peers see nothing else of them)."""

    page_title = gettext_lazy("Gekürzte Fassung bearbeiten")
    success_message = gettext_lazy("Die gekürzte Fassung von „%(object)s“ ist gespeichert.")
    inspect_url_name = None

    def get_object(self, queryset=None):
        return self.get_case(self.object_pk)

    def get_page_subtitle(self):
        return _("Gekürzte Fassung: %(title)s") % {"title": self.object.title}

    def get(self, request, *args, **kwargs):
        return self._refuse_other_levels() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_other_levels() or super().post(request, *args, **kwargs)

    def _refuse_other_levels(self):
        self.object = self.get_object()
        if self.object.confidentiality == Confidentiality.CONFIDENTIAL:
            return None
        messages.error(
            self.request,
            _("Eine gekürzte Fassung gibt es nur für vertrauliche Fälle."),
        )
        return redirect(self.get_inspect_url())

    def save_instance(self):
        # Only this field: the municipality may be editing the rest of the case meanwhile.
        return services.set_redacted_version(
            self.form.instance, self.form.instance.redacted_version, by=self.request.user
        )

    def get_success_url(self):
        return self.get_inspect_url()

    def get_success_buttons(self):
        return []

    @cached_property
    def header_more_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.object
        context["content"] = content_rows(current_content(self.object))
        return context


class CaseHistoryView(CaseObjectMixin, history.HistoryView):
    any_permission_required = ["view", "change"]
    inspect_url_name = None

    def get_object(self):
        return self.get_case(self.pk)

    def get_edit_url(self, instance):
        # Back to the case's page (the only edit view is the redacted version).
        return reverse(self.inspect_url_name, args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Zum Fall"), url=self.get_edit_url(self.object), icon_name="clipboard-list"
            )
        ]


# --- state changes -------------------------------------------------------------------------


class TransitionActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET shows a confirmation page (with the comment field the transition asks for), POST
    makes the change through the service and returns to where the action was chosen.

    A refused change (PeerLearningError) becomes an error message on the same page, with the
    typed comment kept; never a 500.
    """

    model = Case
    permission_required = "change"
    template_name = "peer_learning/admin/action.html"
    index_url_name = None
    inspect_url_name = None
    header_icon = "clipboard-list"
    machine = None

    def get_queryset(self):
        raise NotImplementedError

    def get_case(self) -> Case:
        raise NotImplementedError

    def get_object_name(self) -> str:
        raise NotImplementedError

    def perform(self, comment: str) -> None:
        raise NotImplementedError

    @cached_property
    def object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def action(self):
        action = self.machine.by_name(self.kwargs["action"])
        if action is None or FACILITATOR not in action.actors:
            raise Http404
        return action

    @cached_property
    def case_url(self) -> str:
        return reverse(self.inspect_url_name, args=[quote(self.get_case().pk)])

    @cached_property
    def next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or self.case_url

    def is_available(self) -> bool:
        return self.action in facilitator_actions(self.machine, self.object, self.request.user)

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return self.get_object_name()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Case._meta.verbose_name_plural},
            {"url": self.case_url, "label": self.get_case().title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, data=None):
        return TransitionActionForm(data, comment=self.action.comment, sent=bool(self.action.email))

    def get(self, request, *args, **kwargs):
        if not self.is_available():
            messages.error(request, self.unavailable_message())
            return redirect(self.next_url)
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.perform(form.cleaned_data.get("comment", ""))
        except PeerLearningError as error:
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        success = str(self.action.success_message) or _("Die Änderung ist gespeichert.")
        messages.success(request, success % {"name": self.get_object_name()})
        return redirect(self.next_url)

    def unavailable_message(self) -> str:
        return str(self.machine.refusal) % {
            "status": self.machine.label(self.machine.state_of(self.object))
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name = self.get_object_name()
        confirmation = (
            str(self.action.confirmation) % {"name": name}
            if self.action.confirmation
            else _("„%(action)s“ für %(name)s?") % {"action": self.action.label, "name": name}
        )
        context.update(
            {
                "object": self.object,
                "case": self.get_case(),
                "action": self.action,
                "confirmation": confirmation,
                "available": self.is_available(),
                "next_url": self.next_url,
            }
        )
        return context


class CaseActionView(TransitionActionView):
    machine = CASE_STATES

    def get_queryset(self):
        return facilitated_cases(self.request.user)

    def get_case(self):
        return self.object

    def get_object_name(self):
        return self.object.title

    def perform(self, comment):
        services.set_case_state(
            self.object,
            self.action.target,
            by=self.request.user,
            comment=comment,
            name=self.action.name,
        )


class AssignmentActionView(TransitionActionView):
    machine = ASSIGNMENT_STATES
    header_icon = "user"

    def get_queryset(self):
        return PeerAssignment.objects.filter(
            case__in=facilitated_cases(self.request.user)
        ).select_related("user", "case", "case__round", "case__municipality")

    def get_case(self):
        return self.object.case

    def get_object_name(self):
        return _("%(name)s (Fall „%(case)s“)") % {
            "name": person_name(self.object.user),
            "case": self.object.case.title,
        }

    def perform(self, comment):
        services.set_assignment_state(
            self.object,
            self.action.target,
            by=self.request.user,
            comment=comment,
            name=self.action.name,
        )


# --- peers ---------------------------------------------------------------------------------


class AssignPeerView(CaseObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """„Peer zuordnen“: invites a person of another partner municipality to the case
    (`services.assign_peer`, which sends the invitation)."""

    model = Case
    permission_required = "change"
    form_class = PeerAssignmentForm
    template_name = "peer_learning/admin/assign.html"
    index_url_name = None
    inspect_url_name = None
    header_icon = "user"
    page_title = gettext_lazy("Peer zuordnen")

    @cached_property
    def case(self) -> Case:
        return self.get_case(self.kwargs["pk"])

    @cached_property
    def case_url(self) -> str:
        return reverse(self.inspect_url_name, args=[quote(self.case.pk)])

    def get_page_subtitle(self):
        return self.case.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Case._meta.verbose_name_plural},
            {"url": self.case_url, "label": self.case.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get(self, request, *args, **kwargs):
        if self.case.status not in ASSIGNABLE_STATUSES:
            messages.error(
                request,
                _("Peers werden erst zugeordnet, wenn der Fall in die Runde aufgenommen ist."),
            )
            return redirect(self.case_url)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        person = form.cleaned_data["user"]
        try:
            services.assign_peer(
                self.case,
                user=person,
                role=form.cleaned_data["role"],
                due_date=form.cleaned_data["due_date"],
                by=self.request.user,
            )
        except PeerLearningError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s ist zum Fall „%(case)s“ eingeladen; die Einladung geht per E-Mail hinaus.")
            % {"name": person_name(person), "case": self.case.title},
        )
        return redirect(f"{self.case_url}#zuordnungen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"case": self.case, "case_url": self.case_url})
        return context


# --- inviting members -----------------------------------------------------------------------


def may_invite(user) -> bool:
    return user.is_active and (
        user.is_superuser
        or user.has_perm("peer_learning.facilitate")
        or user.has_perm("peer_learning.view_all_rounds")
    )


class InviteMemberView(WagtailAdminTemplateMixin, FormView):
    """„Mitglied einladen“: nobody signs up for the portal; facilitators invite people, who
    set their password through the link in the invitation mail."""

    template_name = "peer_learning/admin/invite_member.html"
    form_class = InviteMemberForm
    page_title = gettext_lazy("Mitglied einladen")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_invite(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        user = services.invite_member(
            email=data["email"],
            name=data["name"],
            municipality=data["municipality"],
            role=data["role"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            _("%(email)s ist als Mitglied von %(municipality)s eingeladen.")
            % {"email": user.email, "municipality": data["municipality"].name},
        )
        return redirect("peer_learning_invite_member")


# --- evaluation („Auswertung“) -------------------------------------------------------------

# Where a case stands after the consultation, in the order it goes there.
AFTER_CONSULTATION = (CaseStatus.FEEDBACK_RELEASED, CaseStatus.CLOSED, CaseStatus.FOLLOW_UP)
NO_FOCUS_AREA = gettext_lazy("ohne Zuordnung")
NO_MUNICIPALITY = gettext_lazy("Kommune nicht mehr bekannt")


def may_evaluate(user) -> bool:
    """The evaluation: for facilitators (their rounds) and ism staff (every round)."""
    return round_policy.user_has_permission(user, "view")


class MunicipalityNumbers:
    """Reciprocity: the cases a municipality brought, the advice its members gave."""

    def __init__(self, name):
        self.name = name
        self.cases = 0
        self.feedback = 0


class FocusAreaNumbers:
    """What came of the cases of one Gestaltungsbereich."""

    def __init__(self, title):
        self.title = title
        self.cases = 0
        self.ideas = 0
        self.ideas_taken_up = 0
        self.actions = dict.fromkeys(ActionStatus.values, 0)
        self.after_consultation = dict.fromkeys(AFTER_CONSULTATION, 0)

    @property
    def action_counts(self) -> list[int]:
        return [self.actions[status] for status in ActionStatus.values]

    @property
    def after_consultation_counts(self) -> list[int]:
        return [self.after_consultation[status] for status in AFTER_CONSULTATION]


def _totals(rows, *names) -> dict:
    return {name: sum(getattr(row, name) for row in rows) for name in names}


def _column_totals(rows, name, width: int) -> list[int]:
    return [sum(getattr(row, name)[column] for row in rows) for column in range(width)]


class Evaluation:
    """The numbers of the evaluation for the submitted cases of `rounds`: counts only, never
    names, addresses or what a case says.

    A fixed number of grouped queries however many cases there are: cases by municipality and
    Gestaltungsbereich, handed-in feedback by municipality, ideas and action items by
    Gestaltungsbereich, and the names of the municipalities and Gestaltungsbereiche.
    """

    def __init__(self, rounds):
        cases = Case.objects.filter(
            round__in=rounds, status__in=selectors.FACILITATOR_STATUSES
        ).order_by()
        # Cases point at the Gestaltungsbereich in the language their portal showed: grouped
        # by translation, shown with the German title.
        case_groups = list(
            cases.values("municipality_id", key=F("focus_area__translation_key")).annotate(
                cases=Count("pk"),
                **{status: Count("pk", filter=Q(status=status)) for status in AFTER_CONSULTATION},
            )
        )
        feedback_groups = list(
            Feedback.objects.filter(case__in=cases, status=FeedbackStatus.SUBMITTED)
            .order_by()
            .values("municipality_id")
            .annotate(count=Count("pk"))
        )
        idea_groups = list(
            Idea.objects.filter(feedback__case__in=cases, feedback__status=FeedbackStatus.SUBMITTED)
            .order_by()
            .values(key=F("feedback__case__focus_area__translation_key"))
            .annotate(
                ideas=Count("pk"),
                taken_up=Count("pk", filter=Q(response=IdeaResponse.TAKE_UP)),
            )
        )
        action_groups = list(
            ActionItem.objects.filter(case__in=cases)
            .order_by()
            .values("status", key=F("case__focus_area__translation_key"))
            .annotate(count=Count("pk"))
        )

        municipality_ids = {group["municipality_id"] for group in case_groups} | {
            group["municipality_id"] for group in feedback_groups
        }
        municipalities = {
            municipality.pk: MunicipalityNumbers(municipality.name)
            for municipality in Municipality.objects.filter(
                Q(peer_learning_rounds__in=rounds) | Q(pk__in=municipality_ids - {None})
            )
            .distinct()
            .order_by("name")
        }
        areas = self._focus_areas(
            {group["key"] for group in case_groups + idea_groups + action_groups} - {None}
        )

        for group in case_groups:
            municipalities[group["municipality_id"]].cases += group["cases"]
            area = self._area(areas, group["key"])
            area.cases += group["cases"]
            for status in AFTER_CONSULTATION:
                area.after_consultation[status] += group[status]
        for group in feedback_groups:
            if group["municipality_id"] is None:
                municipalities[None] = MunicipalityNumbers(str(NO_MUNICIPALITY))
            municipalities[group["municipality_id"]].feedback += group["count"]
        for group in idea_groups:
            area = self._area(areas, group["key"])
            area.ideas += group["ideas"]
            area.ideas_taken_up += group["taken_up"]
        for group in action_groups:
            if group["status"] in ActionStatus.values:
                self._area(areas, group["key"]).actions[group["status"]] += group["count"]

        self.municipalities = list(municipalities.values())
        self.focus_areas = list(areas.values())
        self.municipality_totals = _totals(self.municipalities, "cases", "feedback")
        self.focus_area_totals = {
            **_totals(self.focus_areas, "cases", "ideas", "ideas_taken_up"),
            "actions": _column_totals(self.focus_areas, "action_counts", len(ActionStatus.values)),
            "after_consultation": _column_totals(
                self.focus_areas, "after_consultation_counts", len(AFTER_CONSULTATION)
            ),
        }

    @staticmethod
    def _focus_areas(keys) -> dict:
        """Every German Gestaltungsbereich (also those without cases, in their order), and
        any other a case points at; "ohne Zuordnung" comes last."""
        default = default_locale()
        found = FocusArea.objects.filter(Q(locale=default) | Q(translation_key__in=keys))
        titles = {}
        for area in sorted(found, key=lambda area: (area.locale_id != default.pk, area.number)):
            titles.setdefault(area.translation_key, area.title)
        return {key: FocusAreaNumbers(title) for key, title in titles.items()}

    @staticmethod
    def _area(areas, key) -> FocusAreaNumbers:
        if key not in areas:
            areas[key] = FocusAreaNumbers(str(NO_FOCUS_AREA))
        return areas[key]

    # The export: one header row, one row per municipality and per Gestaltungsbereich.
    def csv_header(self) -> list[str]:
        return [
            _("Runde"),
            _("Art"),
            _("Bezeichnung"),
            _("Fälle"),
            _("Abgegebene Beratungsbeiträge"),
            _("Ideen"),
            _("Davon aufgegriffen"),
            *(_("Maßnahmen: %(status)s") % {"status": label} for label in ActionStatus.labels),
            *(capfirst(CaseStatus(status).label) for status in AFTER_CONSULTATION),
        ]

    def csv_rows(self, round_label: str) -> list[list]:
        rows = []
        after = len(ActionStatus.values) + len(AFTER_CONSULTATION)
        for row in self.municipalities:
            rows.append(
                [round_label, _("Kommune"), row.name, row.cases, row.feedback, "", ""]
                + [""] * after
            )
        for row in self.focus_areas:
            rows.append(
                [
                    round_label,
                    _("Gestaltungsbereich"),
                    row.title,
                    row.cases,
                    "",
                    row.ideas,
                    row.ideas_taken_up,
                    *row.action_counts,
                    *row.after_consultation_counts,
                ]
            )
        return rows


class EvaluationFilterForm(forms.Form):
    round = forms.ModelChoiceField(
        label=gettext_lazy("Runde"),
        queryset=PeerLearningRound.objects.none(),
        required=False,
        empty_label=gettext_lazy("Alle Runden"),
    )

    def __init__(self, data, *, rounds):
        super().__init__(data)
        self.fields["round"].queryset = rounds


class EvaluationMixin:
    """Who may see the evaluation, and of which rounds: facilitators their own, ism staff
    every round; a round of someone else in the filter answers 404."""

    def dispatch(self, request, *args, **kwargs):
        if not may_evaluate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filter_form(self) -> EvaluationFilterForm:
        rounds = selectors.rounds_facilitated(self.request.user).order_by("-case_deadline")
        return EvaluationFilterForm(self.request.GET, rounds=rounds)

    @cached_property
    def selected_round(self) -> PeerLearningRound | None:
        if not self.filter_form.is_valid():
            raise Http404
        return self.filter_form.cleaned_data["round"]

    @cached_property
    def evaluation(self) -> Evaluation:
        rounds = selectors.rounds_facilitated(self.request.user)
        if self.selected_round:
            rounds = rounds.filter(pk=self.selected_round.pk)
        return Evaluation(rounds)

    @property
    def round_label(self) -> str:
        return self.selected_round.title if self.selected_round else _("Alle Runden")


class EvaluationView(EvaluationMixin, WagtailAdminTemplateMixin, TemplateView):
    """„Auswertung“: reciprocity per municipality and the outcome per Gestaltungsbereich, for
    the facilitators and for the funders' report (CSV)."""

    template_name = "peer_learning/admin/evaluation.html"
    page_title = gettext_lazy("Auswertung")
    header_icon = "table"
    export_url_name = None

    @cached_property
    def export_url(self) -> str:
        query = {"round": self.selected_round.pk} if self.selected_round else {}
        url = reverse(self.export_url_name)
        return f"{url}?{urlencode(query)}" if query else url

    def get_page_subtitle(self):
        return self.round_label

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("CSV für Fördermittelgeber herunterladen"),
                url=self.export_url,
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.evaluation
        context.update(
            {
                "form": self.filter_form,
                "evaluation": evaluation,
                "action_labels": ActionStatus.labels,
                "after_consultation_labels": [
                    CaseStatus(status).label for status in AFTER_CONSULTATION
                ],
                "export_url": self.export_url,
                "round_label": self.round_label,
            }
        )
        return context


class EvaluationExportView(EvaluationMixin, View):
    """The evaluation as CSV for Excel: semicolons, UTF-8 with BOM, German headers, counts per
    municipality and Gestaltungsbereich only (no names, addresses or case texts)."""

    def get(self, request, *args, **kwargs):
        evaluation = self.evaluation
        filename = f"peer-learning-auswertung-{timezone.localdate():%Y-%m-%d}"
        if self.selected_round:
            filename += f"-runde-{self.selected_round.pk}"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow([spreadsheet_safe(str(cell)) for cell in evaluation.csv_header()])
        for row in evaluation.csv_rows(self.round_label):
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        return response
