from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import feeds
        from .models import NewsIndexPage

        # The news index routes its feed URLs to these views (see NewsIndexPage.feed_views).
        NewsIndexPage.feed_views.update(rss=feeds.rss_feed, atom=feeds.atom_feed)
