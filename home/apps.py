from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import feeds, page_cache
        from .models import NewsIndexPage

        page_cache.connect_signals()

        # The news index routes its feed URLs to these views (see NewsIndexPage.feed_views).
        NewsIndexPage.feed_views.update(rss=feeds.rss_feed, atom=feeds.atom_feed)

        # Our routers join Wagtail's API v3, so that one schema and one docs page describe
        # everything (v3 has no other extension point for a project).
        from wagtail.api.v3.api import api

        from .api import router

        api.title = "Integration im Querschnitt – API"
        api.description = (
            "Fachforen, Veranstaltungen und „Aktuell“ des Projekts „Integration im Querschnitt“ "
            "(ism Mainz), Anmeldung zu Veranstaltungen, und Wagtails eigene Endpunkte. Lesen "
            "ohne Token; Schreiben nur mit API-Token (Authorization: Bearer …)."
        )
        api.add_router("/news/", router)
        from . import wagtail_patches  # noqa: F401  (patches Wagtail when imported)
