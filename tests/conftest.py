import pytest
from django.core.cache import cache
from django.test import TestCase, TransactionTestCase
from django.utils import translation
from wagtail.models import Locale

from home import locales, memo
from tests import base_site
from tests.factories import translate_page
from tests.helpers import RecordingFrontendCache

_db_blocker = None  # pytest-django's blocker, kept for the teardown hook below
# Tests that share a demo site, by node id prefix: with pytest-xdist, each group runs on one
# worker (see pytest_xdist_make_scheduler).
SHARE_A_DEMO_SITE = (
    "tests/browser/",
    "tests/home/test_demo_content.py::",
    "tests/peer_learning/test_demo.py::",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb):
    """pytest-django's test database, plus the base site built once (tests/base_site.py)."""
    global _db_blocker
    _db_blocker = django_db_blocker
    with django_db_blocker.unblock():
        base_site.set_up()
    yield
    with django_db_blocker.unblock():
        base_site.tear_down(keepdb=django_db_keepdb and not django_db_createdb)


def _is_transactional(item: pytest.Item) -> bool:
    """Whether Django empties all tables after this test (pytest-django's own rule)."""
    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return not issubclass(test_class, TestCase)
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(fixtures)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Bring the base site back after a transactional test has emptied every table.

    After the last test (no `nextitem`) the database is dropped, or reset by `django_db_setup`.
    """
    result = yield
    if nextitem is not None and _db_blocker is not None and _is_transactional(item):
        with _db_blocker.unblock():
            if not base_site.is_intact():
                base_site.restore(base_site.BASE_SITE)
    return result


@pytest.fixture(autouse=True)
def _fresh_state():
    """Start each test with an empty cache and in German, whatever ran before in this process.

    Wagtail caches the sites' root paths: a test that deletes the base site's home page and
    asks for a URL leaves them behind, and they would outlive the rollback. A request to an
    English page leaves English active in this thread (LocaleMiddleware does not switch back),
    and messages translated later would come out in English. The remembered locales
    (home.locales) could be rows that a rolled-back test created, and a request that raised
    into the test never ended its memo (home.memo).
    """
    cache.clear()
    locales.clear()
    memo.end()
    translation.deactivate()


# --- the base site: built once, fetched again for each test ---------------------------------


@pytest.fixture
def de_locale(db):
    return Locale.get_default()


@pytest.fixture
def en_locale(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(db):
    """The German HomePage, root of the default Site (Wagtail's welcome page is gone)."""
    return base_site.get("home")


@pytest.fixture
def en_home_page(db):
    """The English translation of the home page, at /en/."""
    return base_site.get("en_home")


@pytest.fixture
def news_index(db):
    """ "Aktuell", below the German home page."""
    return base_site.get("news_index")


@pytest.fixture
def en_news_index(news_index, en_home_page):
    """The English translation of "Aktuell" ("Current", at /en/aktuell/)."""
    return translate_page(news_index, en_home_page.locale, title="Current")


@pytest.fixture
def event_index(db):
    """ "Veranstaltungen", below "Aktuell" (/aktuell/veranstaltungen/)."""
    return base_site.get("event_index")


@pytest.fixture
def focus_area(db):
    """Gestaltungsbereich 1, "Strategische Steuerung" (slug "steuerung"), in German."""
    return base_site.get("focus_area")


@pytest.fixture
def other_focus_area(db):
    """Gestaltungsbereich 2, "Kooperation der Fachbereiche" (slug "kooperation"), in German."""
    return base_site.get("other_focus_area")


@pytest.fixture
def legal_pages(db):
    """Impressum, Datenschutz and Barrierefreiheit pages, linked from the SiteSettings."""
    return {name: base_site.get(name) for name in ("imprint", "privacy", "accessibility")}


@pytest.fixture
def page_cache_on(settings):
    """The page cache as in production (the test settings turn it off: tests change the
    database without the signals that empty it)."""
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def cdn(settings) -> list[str]:
    """A CDN in front of the site: the URLs it was told to purge."""
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.helpers.RecordingFrontendCache"}}
    settings.FRONTEND_CACHE_MAX_AGE = 600
    RecordingFrontendCache.purged = []
    return RecordingFrontendCache.purged


def pytest_collection_modifyitems(config, items):
    # The browser tests run over the demo site, which replaces the base site while they run
    # (tests/browser/conftest.py): keep them together, at the end.
    items.sort(key=lambda item: "browser" in item.keywords)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `-n` (pytest-xdist): the tests that share a demo site on one worker each, all other
    tests one by one.

    The browser tests share one demo site and browser, test_demo_content.py one demo build;
    split over workers, each worker would build the demo again. xdist's own `--dist loadgroup`
    would do this, but its `xdist_group` marks are silently ignored with pytest 9.2
    (pytest-dev/pytest-xdist#1386), so the groups are made here from the paths. Biggest group
    first: one worker starts with the browser tests.
    """
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class DemoSiteTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for group in SHARE_A_DEMO_SITE:
                if nodeid.startswith(group):
                    return group
            return nodeid

    return DemoSiteTestsTogether(config, log)
