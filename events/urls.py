from django.urls import include, path

from . import views

app_name = "events"

calendar_urlpatterns = [
    path("veranstaltungen.ics", views.feed, name="feed"),
    path("format/<slug:slug>.ics", views.feed_format, name="feed_format"),
    path("bereich/<slug:slug>.ics", views.feed_focus_area, name="feed_focus_area"),
    path("veranstaltung/<int:page_id>.ics", views.event_ics, name="event_ics"),
]

# The personal, signed registration link (no login): included under /anmeldung/.
registration_urlpatterns = [
    path("<str:token>/", views.registration_detail, name="registration"),
]

urlpatterns = [
    path("kalender/", include(calendar_urlpatterns)),
    path("anmeldung/", include(registration_urlpatterns)),
]
