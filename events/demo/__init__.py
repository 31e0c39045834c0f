"""The events app's part of the demo site: the events pages, organisers' permissions, and
registrations made through the registration service (a full Fachforum with a waiting list,
a cancellation, a confirmation mail that the recipient's server refused).

Read by `manage.py load_demo_content` through settings.DEMO_CONTENT.
"""

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


STEPS = {
    "setup": [grant_organiser_permissions],
    "pages_created": [grant_event_pages],
    "activity": [build_registrations],  # last: the mails they queue show the English pages
}
