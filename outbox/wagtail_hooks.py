"""„Postausgang“ in the Wagtail admin, for superusers and groups with the outbox permission."""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .filters import OutboundEmailFilterSet
from .models import OutboundEmail
from .services import RESEND_ACTION


class OutboxViewSet(ModelViewSet):
    """List, filters, search and detail of every mail; „Erneut senden“ for failed ones.

    Mails are written only by the outbox service, so there is no add, edit, copy or delete
    view. Reading needs `outbox.view_outboundemail`, sending again
    `outbox.resend_outboundemail`.
    """

    model = OutboundEmail
    icon = "mail"
    menu_label = _("Postausgang")
    menu_order = 260
    add_to_admin_menu = True

    index_view_class = admin_views.OutboxIndexView
    inspect_view_class = admin_views.OutboxInspectView
    history_view_class = admin_views.OutboxHistoryView
    inspect_view_enabled = True
    inspect_template_name = "outbox/admin/inspect.html"
    copy_view_enabled = False
    filterset_class = OutboundEmailFilterSet
    search_fields = ["recipient", "subject", "template"]
    search_backend_name = None  # plain database lookups: the outbox is not indexed
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    inspect_view_fields = [
        "status",
        "recipient",
        "subject",
        "template",
        "language",
        "attempts",
        "next_attempt_at",
        "last_error",
        "provider_message_id",
        "created_at",
        "sent_at",
        "anonymised_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            resend_url_name=self.get_url_name("resend"), **kwargs
        )

    @property
    def resend_view(self):
        return self.construct_view(
            admin_views.ResendView, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
        ]

    @property
    def url_finder_class(self):
        # Links to a mail (e.g. from the history views) open its detail page: there is no edit.
        return type(
            "OutboxURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(OutboundEmail)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                get_permission_codename("view", OutboundEmail._meta),
                "resend_outboundemail",
            ],
        )


outbox_viewset = OutboxViewSet("outbox")


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    actions.register_action(
        RESEND_ACTION, _("Erneut gesendet"), _("E-Mail erneut in den Versand gegeben")
    )
