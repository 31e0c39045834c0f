from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """All e-mail the site sends: one outbox row per message, sent by a background task.

    An infrastructure app: every domain app may use it, it knows none of them.
    """

    name = "outbox"
    verbose_name = _("Postausgang")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the delivery-report receiver)
