from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("veranstaltungen.ics", views.feed, name="feed"),
    path("format/<slug:slug>.ics", views.feed_format, name="feed_format"),
    path("bereich/<slug:slug>.ics", views.feed_focus_area, name="feed_focus_area"),
    path("veranstaltung/<int:page_id>.ics", views.event_ics, name="event_ics"),
]
