"""The events app's part of the demo site: the events pages, organisers' permissions, and
registrations made through the registration service (a full Fachforum with a waiting list,
a cancellation, a confirmation mail that the recipient's server refused).

Read by `manage.py load_demo_content` through settings.DEMO_CONTENT.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from home.demo.builder import DemoContext, grant, grant_pages
from outbox.demo import fail_for_good
from outbox.selectors import emails_for

from .. import services
from . import content

PAGES = content.PAGES


def grant_organiser_permissions(ctx: DemoContext) -> None:
    grant(ctx, "organisers", "events.view_registration", "events.change_registration")


def grant_event_pages(ctx: DemoContext) -> None:
    index = ctx.pages[content.EVENT_INDEX_KEY]
    grant_pages(ctx, "organisers", index, "add_page", "change_page", "publish_page")
    grant_pages(ctx, "editors", index, "add_page", "change_page", "publish_page")


def build_registrations(ctx: DemoContext) -> None:
    """Register the demo people through the same service as the public form.

    Someone already registered for the event (in any state) is left alone, so later runs
    change nothing; once an event's registration has closed, nobody new is added.
    """
    for key, people in content.REGISTRATIONS.items():
        event = ctx.pages[key]
        known = set(event.registrations.values_list("email", flat=True))
        for person in people:
            if person.email in known:
                ctx.report.add("registrations", "unchanged")
                continue
            data = {
                name: getattr(person, name)
                for name in (
                    "name",
                    "email",
                    "organisation",
                    "municipality",
                    "role",
                    "accessibility_needs",
                    "dietary_needs",
                    "participant_list_consent",
                )
            }
            try:
                registration = services.register_for_event(
                    event=event, data=data, language=person.language
                )
            except services.RegistrationError:
                continue  # registration closed since the first run
            if person.mail_refused:
                for email in emails_for(registration):
                    fail_for_good(email.pk)
            if person.cancelled:
                services.cancel_registration(registration, by="registrant")
            ctx.report.add("registrations", "created")


# Where the events index lived before it moved below „Aktuell“, per language.
OLD_INDEX_PATHS = {"de": "/veranstaltungen", "en": "/en/events"}


def redirect_old_event_addresses(ctx: DemoContext) -> None:
    """Links to the events' old addresses (before they moved below „Aktuell“) keep working.

    An existing site gets these redirects from Wagtail when the index is moved; a new one
    gets them here, so that bookmarks and printed invitations still arrive.
    """
    german_index = ctx.pages[content.EVENT_INDEX_KEY]
    indexes = Page.objects.filter(translation_key=german_index.translation_key).select_related(
        "locale"
    )
    for index in indexes:
        old_root = OLD_INDEX_PATHS.get(index.locale.language_code)
        if old_root is None:
            continue
        for page in [index, *index.get_descendants()]:
            suffix = page.url_path[len(index.url_path) :]
            old_path = Redirect.normalise_path(f"{old_root}/{suffix}")
            _, created = Redirect.objects.update_or_create(
                old_path=old_path,
                site=None,
                defaults={"redirect_page": page, "is_permanent": True},
            )
            ctx.report.add("redirects", "created" if created else "unchanged")


STEPS = {
    "setup": [grant_organiser_permissions],
    "pages_created": [grant_event_pages],
    "translated": [redirect_old_event_addresses],
    "activity": [build_registrations],  # last: the mails they queue show the English pages
}
