from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import MultilingualSitemap
from outbox.webhooks import tracking_urlpatterns
from peer_learning import urls as peer_learning_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's API v3 with our routers (added in home's and events' AppConfig.ready()).
    path("api/v3/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET") and settings.EMAIL_PROVIDER:
    # The configured provider's delivery reports (/anymail/<provider>/tracking/), behind HTTP
    # Basic auth with ANYMAIL["WEBHOOK_SECRET"]. Without a secret nothing is mounted: anyone
    # could post.
    urlpatterns += [
        path("anymail/", include((tracking_urlpatterns(settings.EMAIL_PROVIDER), "anymail")))
    ]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development and the browser tests only; production serves uploads from the web server/S3.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# German (the default language) at unprefixed URLs, English under /en/.
urlpatterns += i18n_patterns(
    path("suche/", home_views.search, name="search"),
    path("portal/", include(peer_learning_urls.account_urlpatterns)),
    path("portal/", include("peer_learning.urls")),
    path("", include("events.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "home.views.server_error"
