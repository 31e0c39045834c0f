import pytest
from wagtail.models import Locale

from tests.factories import (
    ContentPageFactory,
    FocusAreaFactory,
    LocaleFactory,
    NewsIndexPageFactory,
    SiteSettingsFactory,
    create_home_site,
    translate_page,
)


@pytest.fixture
def de_locale(db):
    return Locale.get_default()


@pytest.fixture
def en_locale(db):
    return LocaleFactory(language_code="en")


@pytest.fixture
def home_page(db):
    """The German HomePage as root of the default Site (replacing Wagtail's welcome page)."""
    return create_home_site()


@pytest.fixture
def en_home_page(home_page, en_locale):
    return translate_page(home_page, en_locale, title="Integration across departments")


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def focus_area(db):
    return FocusAreaFactory(
        number=1,
        title="Strategische Steuerung",
        short_title="Steuerung",
        slug="steuerung",
    )


@pytest.fixture
def other_focus_area(db):
    return FocusAreaFactory(
        number=2,
        title="Kooperation der Fachbereiche",
        short_title="Kooperation",
        slug="kooperation",
    )


@pytest.fixture
def legal_pages(home_page):
    """Impressum, Datenschutz and Barrierefreiheit pages, linked from the SiteSettings."""
    imprint = ContentPageFactory(parent=home_page, title="Impressum", slug="impressum")
    privacy = ContentPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    accessibility = ContentPageFactory(
        parent=home_page, title="Erklärung zur Barrierefreiheit", slug="barrierefreiheit"
    )
    SiteSettingsFactory(
        site=home_page.get_site(),
        imprint_page=imprint,
        privacy_page=privacy,
        accessibility_page=accessibility,
    )
    return {"imprint": imprint, "privacy": privacy, "accessibility": accessibility}


def pytest_collection_modifyitems(config, items):
    # Browser tests share committed demo data (see tests/browser/conftest.py): run them last,
    # so that no database test ever sees it.
    items.sort(key=lambda item: "browser" in item.keywords)
