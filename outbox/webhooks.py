"""The delivery-report webhook of the configured e-mail provider, and nothing else.

anymail's own URL list mounts a route for every provider it knows; a site uses one. Only the
configured provider's tracking route is mounted here, and a report that cannot be parsed
(empty, `null`, deeply nested, not UTF-8, not the provider's format) is answered with 400 (the
provider should not retry it) instead of a 500.
"""

import logging

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailWebhookValidationFailure
from django.urls import path

logger = logging.getLogger(__name__)


class MalformedReport(AnymailWebhookValidationFailure):
    """A report we cannot read: Django answers SuspiciousOperation subclasses with 400."""


def _tolerant(view_class):
    def parse_events(self, request):
        try:
            return list(view_class.parse_events(self, request))
        except Exception as error:  # whatever the provider's parser tripped over
            logger.info("Unreadable delivery report (%s): %s", type(error).__name__, error)
            raise MalformedReport("Die Zustellmeldung ist nicht lesbar.") from error

    return type(f"Tolerant{view_class.__name__}", (view_class,), {"parse_events": parse_events})


def tracking_urlpatterns(provider: str) -> list:
    """`<provider>/tracking/` for the configured anymail provider ([] for SMTP or unknown)."""
    name = f"{provider}_tracking_webhook"
    pattern = next((p for p in anymail_urls.urlpatterns if p.name == name), None)
    if pattern is None:
        return []
    view_class = pattern.callback.view_class
    return [path(f"{provider}/tracking/", _tolerant(view_class).as_view(), name=name)]
