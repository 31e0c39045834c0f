from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from . import signals, views  # noqa: F401
        from .models import EventPage

        # The event page routes its registration form to these views (see
        # EventPage.registration_views).
        EventPage.registration_views.update(
            register=views.register, thanks=views.registration_thanks, send_link=views.send_link
        )

        from wagtail.api.v3.api import api

        from .api import router

        api.add_router("/events/", router)
