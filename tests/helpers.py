"""Helpers shared by the test modules: reading responses, registering, publishing, the outbox,
counting queries. Fixtures live in the conftest.py files; factories in tests/factories.py."""

from contextlib import nullcontext

from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

from events.models import Registration
from home import page_cache
from outbox.models import OutboundEmail
from tests.factories import RegistrationFactory

# --- reading responses ------------------------------------------------------------------------


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(element) -> str:
    """The element's text with runs of whitespace collapsed to one space."""
    return " ".join(element.get_text().split())


def card_titles(response) -> list[str]:
    """The titles of the cards of a listing (news, events), in order."""
    return [text_of(title) for title in parse(response).select(".card-list .card__title")]


def result_count(response) -> str:
    """The listing's "n Nachrichten" / "n kommende Veranstaltungen" / "n Treffer" line."""
    return text_of(parse(response).select_one(".result-count"))


def count_queries(client, url: str, data=None) -> int:
    """How many queries a successful GET of `url` costs."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(context.captured_queries)


def cache_state(response) -> str | None:
    """ "hit" or "miss" where the page cache was asked (home.page_cache), else None."""
    return response.get(page_cache.HEADER)


class RecordingFrontendCache(BaseBackend):
    """A CDN in front of the site (wagtail.contrib.frontend_cache) that writes down what it is
    told to purge; the `cdn` fixture installs it."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


# --- transactions, registrations, publishing ----------------------------------------------------


def after_commit():
    """Run what was queued for after the commit (sending the mails), as a real commit would:
    the test's own transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def register(event, email: str | None = None, *, deliver: bool = False, **fields) -> Registration:
    """Register for `event` through the service (see `RegistrationFactory`).

    `deliver`: also run the mail tasks queued for after the commit, so that the mails are sent.
    """
    if email is not None:
        fields["email"] = email
    with after_commit() if deliver else nullcontext():
        return RegistrationFactory(event=event, **fields)


def publish(page: Page, *, deliver: bool = False, **changes):
    """Publish a new revision of `page` with the given fields changed, as the admin does.

    Returns the revision. `deliver`: also run the mail tasks queued for after the commit (the
    change notices to registrants).
    """
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with after_commit() if deliver else nullcontext():
        revision = page.save_revision()
        revision.publish()
    return revision


def outbox(template: str) -> list[str]:
    """Recipients of the outbox rows made from `template`, in the order they were queued."""
    return list(
        OutboundEmail.objects.filter(template=template)
        .order_by("created_at", "pk")
        .values_list("recipient", flat=True)
    )
