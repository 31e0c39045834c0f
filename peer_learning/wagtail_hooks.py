"""The facilitators' Wagtail admin: „Peer-Learning“ with „Runden“, „Fälle“ and „Auswertung“.

Every menu item, and every view behind them, needs `peer_learning.facilitate` (facilitators:
their own rounds only) or `peer_learning.view_all_rounds` (ism staff: every round); plus
`wagtailadmin.access_admin` to reach the admin at all. See admin_views for the rules.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_views
from .admin_forms import CaseFilterSet, RedactedVersionForm, RoundForm
from .models import Case, PeerLearningRound

# Before the viewsets are registered (they would create a default policy otherwise).
register_permission_policy(PeerLearningRound, admin_views.round_policy)
register_permission_policy(Case, admin_views.case_policy)


class RoundViewSet(ModelViewSet):
    """„Runden“: ism staff plan them (add, edit); facilitators read the rounds they run.

    No delete and no copy: a round keeps its cases (they are protected), and a new round has
    new dates and people anyway.
    """

    model = PeerLearningRound
    icon = "calendar"
    menu_label = _("Runden")

    index_view_class = admin_views.RoundIndexView
    inspect_view_class = admin_views.RoundInspectView
    edit_view_class = admin_views.RoundEditView
    history_view_class = admin_views.RoundHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False

    list_filter = ["status"]
    search_fields = ["title"]
    search_backend_name = None  # plain database lookups: rounds are not indexed
    ordering = "-case_deadline"
    list_per_page = 50

    inspect_view_fields = [
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
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("case_deadline"), FieldPanel("clarification_until")]),
                    FieldRowPanel([FieldPanel("feedback_due"), FieldPanel("session_date")]),
                    FieldPanel("event"),
                ],
                heading=_("Termine"),
            ),
            FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
            FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
            FieldPanel("attribution"),
        ],
        base_form_class=RoundForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "delete_url_name": None,
                "usage_url_name": None,
                "cases_url_name": case_viewset.get_url_name("index"),
                **kwargs,
            }
        )

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )

    def get_urlpatterns(self):
        unused = {"delete", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in unused]

    def get_permissions_to_register(self):
        # What a group can be given: facilitate (own rounds) or see everything (ism).
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(PeerLearningRound),
            codename__in=["facilitate", "view_all_rounds"],
        )


class CaseViewSet(ModelViewSet):
    """„Fälle“: the submitted cases of the user's rounds, with filters, their content,
    versions, peers and history; the state actions, „Peer zuordnen“ and the redacted version.

    Cases are written by their municipality in the portal, so there is no add, copy or
    delete view, and the only edit view is the redacted version of a confidential case.
    """

    model = Case
    icon = "clipboard-list"
    menu_label = _("Fälle")

    index_view_class = admin_views.CaseIndexView
    inspect_view_class = admin_views.CaseInspectView
    edit_view_class = admin_views.CaseRedactedVersionView
    history_view_class = admin_views.CaseHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_template_name = "peer_learning/admin/case_inspect.html"
    edit_template_name = "peer_learning/admin/redacted_version.html"

    filterset_class = CaseFilterSet
    search_fields = ["title"]
    search_backend_name = None  # plain database lookups: cases are not indexed
    ordering = "-submitted_at"
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return RedactedVersionForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "delete_url_name": None,
                "usage_url_name": None,
                "action_url_name": self.get_url_name("action"),
                "assign_url_name": self.get_url_name("assign"),
                "assignment_action_url_name": self.get_url_name("assignment_action"),
                "inspect_url_name": self.get_url_name("inspect"),
                **kwargs,
            }
        )

    @property
    def action_view(self):
        return self.construct_view(admin_views.CaseActionView)

    @property
    def assignment_action_view(self):
        return self.construct_view(admin_views.AssignmentActionView)

    @property
    def assign_view(self):
        return self.construct_view(admin_views.AssignPeerView)

    def get_urlpatterns(self):
        unused = {"add", "delete", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in unused] + [
            path("action/<int:pk>/<slug:action>/", self.action_view, name="action"),
            path("assign/<int:pk>/", self.assign_view, name="assign"),
            path(
                "assignment/<int:pk>/<slug:action>/",
                self.assignment_action_view,
                name="assignment_action",
            ),
        ]

    @property
    def url_finder_class(self):
        # Links to a case (e.g. from the outbox) open its page, not the redacted version.
        return type(
            "CaseURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        # The permissions are on the round (see RoundViewSet).
        return Permission.objects.none()


class EvaluationMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_evaluate(request.user)


class EvaluationViewSet(ViewSet):
    """„Auswertung“: the numbers of the user's rounds (reciprocity per municipality, outcome
    per Gestaltungsbereich) and their CSV export for the funders."""

    icon = "table"
    menu_label = _("Auswertung")
    menu_item_class = EvaluationMenuItem

    def get_urlpatterns(self):
        return [
            path(
                "",
                admin_views.EvaluationView.as_view(export_url_name=self.get_url_name("export")),
                name="index",
            ),
            path("csv/", admin_views.EvaluationExportView.as_view(), name="export"),
        ]


round_viewset = RoundViewSet("peer_learning_rounds", url_prefix="peer-learning/rounds")
case_viewset = CaseViewSet("peer_learning_cases", url_prefix="peer-learning/cases")
evaluation_viewset = EvaluationViewSet(
    "peer_learning_evaluation", url_prefix="peer-learning/auswertung"
)


class PeerLearningGroup(ViewSetGroup):
    menu_label = _("Peer-Learning")
    menu_icon = "group"
    menu_order = 270
    items = (round_viewset, case_viewset, evaluation_viewset)


@hooks.register("register_admin_viewset")
def register_peer_learning_viewsets():
    return PeerLearningGroup()


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path(
            "peer-learning/einladen/",
            admin_views.InviteMemberView.as_view(),
            name="peer_learning_invite_member",
        )
    ]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_invite(request.user)


@hooks.register("register_admin_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(
        _("Mitglied einladen"),
        reverse("peer_learning_invite_member"),
        icon_name="user",
        order=1100,
    )
