"""Template tags for the registration box on event pages and the registration form."""

from django import template

from events import selectors
from events.availability import is_for_partners_only
from events.forms import SendLinkForm
from events.models import EventPage

register = template.Library()


@register.simple_tag
def registration_availability(page):
    return selectors.availability_for(page) if isinstance(page, EventPage) else None


@register.simple_tag
def partners_only(page) -> bool:
    return isinstance(page, EventPage) and is_for_partners_only(page)


@register.simple_tag
def send_link_form():
    """An empty „Link erneut zusenden“ form for the event page."""
    return SendLinkForm(auto_id="send-link-%s")
