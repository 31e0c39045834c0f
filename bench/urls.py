"""The site's URLs plus a bare view, for the benchmark only (config.settings.bench).

The bare view answers through the same middleware as every page, without a query or a
template: the ceiling the pages are compared with.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


# First: the site's catch-all (Wagtail's page serving) would take the path otherwise.
urlpatterns = [path("__bench/bare/", bare), *site_urlpatterns]
