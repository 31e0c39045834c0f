from django import template
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _

from events import selectors

register = template.Library()


@register.simple_tag
def upcoming_events(limit=3):
    return selectors.upcoming_events(limit=limit)


@register.simple_tag
def event_index():
    return selectors.event_index_for_active_locale()


@register.simple_tag(takes_context=True)
def webcal_url(context, path):
    """The same feed as a webcal:// address, which calendar apps open as a subscription."""
    request = context["request"]
    return f"webcal://{request.get_host()}{path}"


@register.filter
def clock(value):
    """A time of day as people write it: "10:00 Uhr" in German, "10:00" in English."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "date"):
        value = timezone.localtime(value)
    return _("%(time)s Uhr") % {"time": time_format(value, "H:i")}
