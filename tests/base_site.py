"""The base site that every database test starts from, built once per test database.

What it holds: the German home page as root of the default Site (instead of Wagtail's welcome
page) and its English translation; the legal pages Impressum, Datenschutz and
Barrierefreiheit, linked from the SiteSettings; the news index "Aktuell" and below it the
events index "Veranstaltungen"; the two Gestaltungsbereiche "Steuerung" and "Kooperation".
The fixtures in tests/conftest.py (`home_page`, `legal_pages`, `news_index`, `event_index`,
`focus_area`, ...) return these objects, fetched again from the database for each test.

How it stays intact:

- Plain database tests run in a transaction that is rolled back, so they see the base site
  and leave it as it was, whatever they change or delete.
- Django empties every table after a transactional test (`transaction=True`, `live_server`,
  the PostgreSQL concurrency tests). `restore(BASE_SITE)` then empties them once more and loads
  the snapshot taken right after the build (see `pytest_runtest_teardown` in tests/conftest.py).
  This does not depend on the markers a test uses, and it also puts back what migrations
  created (Wagtail's root page, the default locale, content types, permissions, groups).
- Tests that need the database as the migrations leave it (the demo-content command, the
  browser tests that run over the demo site) call `restore(MIGRATIONS)`: the snapshot taken
  before the build.

Both snapshots are JSON strings made by Django's `serialize_db_to_string`, the mechanism behind
`serialized_rollback`; restoring keeps primary keys, so the pks noted by `build` stay valid.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import Locale, Page, Site

from home.models import FocusArea, HomePage
from tests.factories import (
    ContentPageFactory,
    EventIndexPageFactory,
    FocusAreaFactory,
    HomePageFactory,
    LocaleFactory,
    NewsIndexPageFactory,
    SiteSettingsFactory,
    translate_page,
)


@dataclass
class Snapshots:
    migrations: str = ""  # the database as the migrations leave it
    base_site: str = ""  # the same plus the base site
    objects: dict[str, tuple[type, int]] = field(default_factory=dict)  # (model, pk) by name


SNAPSHOTS = Snapshots()
MIGRATIONS = "migrations"
BASE_SITE = "base_site"


def build() -> dict[str, tuple[type, int]]:
    """Create the base site on a database as the migrations leave it.

    Returns (model, pk) of each object by name, for `get`.
    """
    de = Locale.get_default()
    en = LocaleFactory(language_code="en")
    root = Page.get_first_root_node()
    # Deleting the welcome page also deletes the Site (its root_page cascades).
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root, locale=de)
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Integration im Querschnitt",
        root_page=home,
        is_default_site=True,
    )
    en_home = translate_page(home, en, title="Integration across departments")
    imprint = ContentPageFactory(parent=home, title="Impressum", slug="impressum")
    privacy = ContentPageFactory(parent=home, title="Datenschutz", slug="datenschutz")
    accessibility = ContentPageFactory(
        parent=home, title="Erklärung zur Barrierefreiheit", slug="barrierefreiheit"
    )
    SiteSettingsFactory(
        site=site,
        imprint_page=imprint,
        privacy_page=privacy,
        accessibility_page=accessibility,
    )
    news_index = NewsIndexPageFactory(parent=home)
    event_index = EventIndexPageFactory(parent=news_index)
    focus_area = FocusAreaFactory(
        number=1, title="Strategische Steuerung", short_title="Steuerung", slug="steuerung"
    )
    other_focus_area = FocusAreaFactory(
        number=2,
        title="Kooperation der Fachbereiche",
        short_title="Kooperation",
        slug="kooperation",
    )
    objects = {
        "home": home,
        "en_home": en_home,
        "imprint": imprint,
        "privacy": privacy,
        "accessibility": accessibility,
        "news_index": news_index,
        "event_index": event_index,
        "focus_area": focus_area,
        "other_focus_area": other_focus_area,
    }
    return {name: (type(obj), obj.pk) for name, obj in objects.items()}


def set_up() -> None:
    """Snapshot the migrated database, build the base site, snapshot again.

    Runs once per test database (per xdist worker), with database access unblocked. A reused
    database (`--reuse-db`) must come back as the migrations left it (see `tear_down`).
    """
    if HomePage.objects.exists() or FocusArea.objects.exists():
        raise RuntimeError(
            "The reused test database still holds data of an earlier, interrupted run. "
            "Run the tests once with --create-db."
        )
    SNAPSHOTS.migrations = snapshot()
    with transaction.atomic():
        SNAPSHOTS.objects = build()
    SNAPSHOTS.base_site = snapshot()
    # What `serialized_rollback=True` restores, should a test ask for it.
    connection._test_serialized_contents = SNAPSHOTS.base_site


def snapshot() -> str:
    """All rows as Django's `serialized_rollback` keeps them, content types first.

    Building a page (a Wagtail page model's `__init__`) looks up its content type, and would
    create it anew if it were not there yet; the snapshot's own row would then clash with it.
    """
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")  # stable
    return json.dumps(rows)


def restore(state: str) -> None:
    """Empty every table and load a snapshot (`MIGRATIONS` or `BASE_SITE`).

    Inside a test's transaction this is rolled back with it; outside, it is committed.
    """
    if connection.in_atomic_block:
        # PostgreSQL refuses to empty tables with foreign-key checks still pending.
        connection.check_constraints()
    # Sequences go on counting: the snapshot's rows keep their ids, new rows get higher ones.
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    # Cached lookups may point to rows of before (content types that a post-migrate handler
    # created anew after Django's own flush, the sites' root paths).
    ContentType.objects.clear_cache()
    cache.clear()
    connection.creation.deserialize_db_from_string(getattr(SNAPSHOTS, state))


def is_intact() -> bool:
    """One cheap look: the default Site exists (every flush removes it)."""
    return Site.objects.filter(is_default_site=True).exists()


def tear_down(*, keepdb: bool) -> None:
    """Leave a reused database as the migrations left it, for the next run's `set_up`."""
    if keepdb:
        restore(MIGRATIONS)


def get(name: str):
    """A base-site object, fetched again (a test may have changed it in its transaction)."""
    model, pk = SNAPSHOTS.objects[name]
    return model.objects.get(pk=pk)


# --- the demo site instead ----------------------------------------------------------------------

DEMO_PASSWORD = "passwort-aus-der-umgebung"


def load_demo_content() -> str:
    """`manage.py load_demo_content`; what it printed."""
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@contextmanager
def demo_site(django_db_blocker):
    """The demo site, built on the database as the migrations leave it and rolled back at the
    end: the body of a module's `demo` fixture (built once, shared by the module's tests,
    each of which pytest-django runs in a savepoint inside this transaction)."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        restore(MIGRATIONS)
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        yield load_demo_content()
        transaction.set_rollback(True)
