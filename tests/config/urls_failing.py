"""The project's URLs plus one view that fails, for the error-report tests."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("Kaputt für den Test")


urlpatterns = [path("kaputt/", broken), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
