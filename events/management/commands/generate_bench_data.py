"""Bench data on top of the demo site, for `make bench` (bench/run.py): many live events and
news items, and registrations spread over the events.

Run `manage.py load_demo_content` first. Pages are created and published through revisions,
as editors publish them (so every event has its calendar state); registrations go through
`events.services`, as on the site (statuses, waiting list, history, mails in the outbox). One
event, "Bench-Fachforum", stays without registrations for the benchmark's concurrent
registrations.

Refuses production settings, and does nothing when the bench data exists already.
"""

import datetime
import uuid
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from events import services
from events.choices import EventFormat, EventMode, EventStatus, ParticipationMode
from events.models import EventIndexPage, EventPage, Registration
from events.selectors import registration_is_open
from home.demo.builder import refuse_unsafe_settings
from home.locales import default_locale
from home.models import FocusArea, NewsIndexPage, NewsPage

BENCH_EVENT_SLUG = "bench-fachforum"
BENCH_EVENT_TITLE = "Bench-Fachforum"
EVENT_SLUG = "bench-veranstaltung-{:03d}"
NEWS_SLUG = "bench-nachricht-{:03d}"
EMAIL = "bench-{:05d}@bench.example.org"  # example.org: never delivers

VENUES = [
    ("Rathaus Mainz, Ratssaal", "Jockel-Fuchs-Platz 1", "55116", "Mainz"),
    ("Kreishaus Hildesheim", "Bischof-Janssen-Straße 31", "31134", "Hildesheim"),
    ("Haus der Region", "Hildesheimer Straße 18", "30169", "Hannover"),
    ("Stadtverwaltung Andernach", "Läufstraße 11", "56626", "Andernach"),
]
FORMATS = [
    EventFormat.EXPERT_FORUM,
    EventFormat.WORKSHOP,
    EventFormat.ONLINE,
    EventFormat.EXPERT_FORUM,
    EventFormat.PEER_LEARNING,
]
CAPACITIES = [None, 25, 40, 60, 80, 30]
FIRST_NAMES = ["Anna", "Ben", "Cem", "Dana", "Elif", "Finn", "Gül", "Hannes", "Ida", "Jonas"]
LAST_NAMES = ["Albers", "Brandt", "Çelik", "Dietrich", "Engel", "Fischer", "Grabowski", "Haas"]
MUNICIPALITIES = ["Stadt Andernach", "Stadt Ludwigshafen", "Landkreis Hildesheim", "Stadt Mainz"]


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def agenda_item(start: str, end: str, title: str) -> dict:
    value = {"start_time": start, "end_time": end, "title": title}
    value |= {"speakers": "", "description": ""}
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def programme() -> list[dict]:
    items = [
        agenda_item("10:00", "10:30", "Begrüßung und Einführung"),
        agenda_item("10:30", "12:00", "Impulse aus zwei Kommunen"),
        agenda_item("13:00", "15:30", "Arbeitsgruppen"),
        agenda_item("15:30", "16:00", "Abschluss"),
    ]
    return [{"type": "day", "value": {"day": None, "items": items}, "id": str(uuid.uuid4())}]


def publish(page) -> None:
    # As an editor publishes: a revision, the log entry and the page_published receivers.
    page.save_revision(log_action=True).publish()


def event_page(number: int, count: int, *, focus_areas: list, now) -> EventPage:
    """Generated event `number` of `count`: about one in ten in the last five months, the
    others over the next year; about half take registrations, all with a waiting list."""
    past = max(count // 10, 1)
    if number < past:
        days = -7 - number * 160 // past
    else:
        days = 2 + (number - past) * 360 // max(count - past, 1)
    local_day = timezone.localdate(now) + datetime.timedelta(days=days)
    start = datetime.datetime.combine(
        local_day, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    event_format = FORMATS[number % len(FORMATS)]
    if event_format == EventFormat.ONLINE:
        mode = EventMode.ONLINE
    else:
        mode = EventMode.HYBRID if number % 4 == 3 else EventMode.IN_PERSON
    venue, street, postal_code, city = VENUES[number % len(VENUES)]
    place = {"venue_name": venue, "street": street, "city": city}
    if mode == EventMode.ONLINE:
        place = {}
    registration = event_format != EventFormat.PEER_LEARNING and number % 3 != 2
    return EventPage(
        title=f"Bench-Veranstaltung {number + 1:03d}: {event_format.label} in {city}",
        slug=EVENT_SLUG.format(number + 1),
        teaser=(
            "Eine erfundene Veranstaltung für den Lasttest: Fach- und Führungskräfte aus "
            "Kommunen tauschen sich über Integration als Querschnittsaufgabe aus."
        ),
        start=start,
        end=start + datetime.timedelta(hours=6),
        event_format=event_format,
        mode=mode,
        status=EventStatus.CANCELLED if number % 25 == 24 else EventStatus.SCHEDULED,
        postal_code="" if mode == EventMode.ONLINE else postal_code,
        online_access=(
            "" if mode == EventMode.IN_PERSON else "https://konferenz.example.org/bench (Demo)"
        ),
        focus_areas=focus_areas[number % len(focus_areas) :][:2] if focus_areas else [],
        target_audience="Fach- und Führungskräfte aus Kommunalverwaltungen.",
        body=[
            paragraph(
                "<p>Wie gelingt Integration über Ämtergrenzen hinweg? Kurze Impulse, dann "
                "Austausch in kleinen Gruppen.</p>"
            ),
            paragraph("<p><i>Demo-Inhalt: erfunden für den Lasttest.</i></p>"),
        ],
        programme=programme() if number % 2 == 0 else [],
        contact_name="Projektteam (Demo)",
        contact_email="querschnitt@example.org",
        registration_enabled=registration,
        capacity=CAPACITIES[number % len(CAPACITIES)] if registration else None,
        registration_opens_at=start - datetime.timedelta(days=90) if registration else None,
        registration_closes_at=start - datetime.timedelta(days=1) if registration else None,
        waiting_list_enabled=True,
        approval_required=registration and number % 7 == 6,
        catering_offered=mode != EventMode.ONLINE,
        **place,
    )


def bench_event(seats: int, *, now, focus_areas: list) -> EventPage:
    """The event of the registration benchmark: open, `seats` seats, with a waiting list."""
    day = timezone.localdate(now) + datetime.timedelta(days=30)
    start = datetime.datetime.combine(
        day, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    return EventPage(
        title=BENCH_EVENT_TITLE,
        slug=BENCH_EVENT_SLUG,
        teaser="Das Fachforum des Lasttests: 20 Plätze, dann die Warteliste.",
        start=start,
        end=start + datetime.timedelta(hours=6),
        event_format=EventFormat.EXPERT_FORUM,
        mode=EventMode.IN_PERSON,
        venue_name="Rathaus Mainz, Ratssaal",
        street="Jockel-Fuchs-Platz 1",
        postal_code="55116",
        city="Mainz",
        focus_areas=focus_areas[:1],
        body=[paragraph("<p><i>Demo-Inhalt: erfunden für den Lasttest.</i></p>")],
        registration_enabled=True,
        capacity=seats,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=start - datetime.timedelta(days=1),
        waiting_list_enabled=True,
        approval_required=False,
    )


def news_page(number: int, *, today, focus_areas: list, images: list) -> NewsPage:
    image = images[number % len(images)] if images and number % 3 == 0 else None
    return NewsPage(
        title=f"Bench-Nachricht {number + 1:03d}: Neues aus dem Projekt",
        slug=NEWS_SLUG.format(number + 1),
        date=today - datetime.timedelta(days=2 * number + 1),
        teaser=(
            "Eine erfundene Nachricht für den Lasttest: Berichte aus den Partnerkommunen, "
            "Rückblicke und Hinweise auf neue Materialien."
        ),
        image=image,
        image_alt="Grafik mit dem Schriftzug des Projekts" if image else "",
        body=[
            paragraph(
                "<p>Die Partnerkommunen haben sich zu Steuerung, Kooperation und Beteiligung "
                "ausgetauscht. Die Ergebnisse fließen in die nächsten Fachforen ein.</p>"
            ),
            paragraph("<p><i>Demo-Inhalt: erfunden für den Lasttest.</i></p>"),
        ],
        focus_areas=[focus_areas[number % len(focus_areas)]] if focus_areas else [],
    )


class Command(BaseCommand):
    help = (
        "Add bench data to the demo site: live events (one 'Bench-Fachforum' for the "
        "registration benchmark), news items and registrations. Run load_demo_content first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=100, help="Events, with the bench one.")
        parser.add_argument("--news", type=int, default=300, help="News items.")
        parser.add_argument(
            "--registrations", type=int, default=2000, help="Registrations over the events."
        )
        parser.add_argument(
            "--bench-seats", type=int, default=20, help="Seats of the Bench-Fachforum."
        )

    def handle(self, *args, events, news, registrations, bench_seats, **options):
        refuse_unsafe_settings(
            "generate_bench_data", "it adds hundreds of invented pages and registrations."
        )
        if min(events, news, registrations) < 0 or events < 1 or bench_seats < 1:
            raise CommandError("--events and --bench-seats must be at least 1, the rest >= 0.")
        locale = default_locale()
        event_index = EventIndexPage.objects.filter(locale=locale).first()
        news_index = NewsIndexPage.objects.filter(locale=locale).first()
        if event_index is None or news_index is None:
            raise CommandError("No demo site here: run `manage.py load_demo_content` first.")
        existing = EventPage.objects.child_of(event_index).filter(slug=BENCH_EVENT_SLUG).first()
        if existing is not None:
            self.stdout.write(
                f"Bench data exists already ({existing.title}, id {existing.pk}): nothing to do. "
                "Start from a new database to generate it again."
            )
            return

        now = timezone.now()
        focus_areas = list(FocusArea.objects.filter(locale=locale).order_by("number"))
        images = list(get_image_model().objects.order_by("pk")[:10])
        with transaction.atomic():
            bench = bench_event(bench_seats, now=now, focus_areas=focus_areas)
            event_index.add_child(instance=bench)
            publish(bench)
            generated = []
            for number in range(events - 1):
                page = event_page(number, events - 1, focus_areas=focus_areas, now=now)
                event_index.add_child(instance=page)  # saving validates the page
                publish(page)
                generated.append(page)
            today = timezone.localdate(now)
            for number in range(news):
                page = news_page(number, today=today, focus_areas=focus_areas, images=images)
                news_index.add_child(instance=page)
                publish(page)
            people = self.create_registrations(generated, registrations)

        self.report(bench, generated, news, people)

    def create_registrations(self, events: list[EventPage], count: int) -> list[Registration]:
        """`count` registrations through the registration service (seats, waiting list, mails,
        history as for people on the site), round robin over the events open for registration
        now; every fifteenth person cancels again, so that people move up."""
        open_events = [event for event in events if registration_is_open(event)]
        if count and not open_events:
            raise CommandError("No generated event takes registrations now: raise --events.")
        registrations = []
        for number in range(count):
            event = open_events[number % len(open_events)]
            registration = services.register_for_event(
                event=event, data=self.registration_data(event, number), language="de"
            )
            if number % 15 == 14:
                registration = services.cancel_by_registrant(registration)
            registrations.append(registration)
        return registrations

    @staticmethod
    def registration_data(event: EventPage, number: int) -> dict:
        data = {
            "name": f"{FIRST_NAMES[number % 10]} {LAST_NAMES[number // 10 % 8]} {number + 1}",
            "email": EMAIL.format(number + 1),
            "organisation": "Stadtverwaltung (Demo)",
            "municipality": MUNICIPALITIES[number % len(MUNICIPALITIES)],
            "role": "Integrationsbeauftragte*r" if number % 3 == 0 else "",
            "participant_list_consent": number % 2 == 0,
        }
        if event.mode == EventMode.HYBRID:
            online = number % 2
            data["participation_mode"] = (
                ParticipationMode.ONLINE if online else ParticipationMode.IN_PERSON
            )
        return data

    def report(self, bench: EventPage, events: list[EventPage], news: int, people: list) -> None:
        upcoming = sum(1 for event in events if event.end >= timezone.now())
        open_events = sum(1 for event in events if event.registration_enabled)
        statuses = Counter(
            Registration.objects.filter(pk__in=[r.pk for r in people]).values_list(
                "status", flat=True
            )
        )
        self.stdout.write("Bench data:")
        self.stdout.write(
            f"  events: {len(events) + 1} live ({upcoming + 1} upcoming, {open_events + 1} "
            "taking registrations)"
        )
        self.stdout.write(
            f"  {bench.title}: id {bench.pk}, {bench.capacity} seats, waiting list, "
            f"{bench.get_url()}"
        )
        self.stdout.write(f"  news: {news} live")
        self.stdout.write(
            f"  registrations: {len(people)} ("
            + ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
            + ")"
        )
        self.stdout.write(self.style.SUCCESS("Bench data is ready."))
