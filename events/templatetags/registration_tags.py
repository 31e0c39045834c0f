"""Template tags for the registration box on event pages and the registration form."""

from django import template

from events import selectors
from events.models import EventPage

register = template.Library()


@register.simple_tag
def registration_availability(page):
    return selectors.availability_for(page) if isinstance(page, EventPage) else None
