"""Real-browser layer: Playwright driving Debian's Chromium against Django's live server.

Skipped, with the reason shown, where Chromium or axe-core is missing; CI installs both.
"""

import itertools
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import base_site

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# Chromium's own background traffic would hit the closed network; a test browser needs none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def _missing_tools() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    if not AXE_SCRIPT.exists():
        return f"axe-core not found at {AXE_SCRIPT} (run npm ci)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_tools()
    if reason and os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"Browser tests are required here, but: {reason}")
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def demo_server(django_db_setup, django_db_blocker):
    """Django's live server over the demo content, shared by all browser tests.

    The demo command builds its site on a database as the migrations leave it, so the base site
    (tests/base_site.py) makes way for the demo content, which is committed (not rolled back per
    test). After the last browser test the base site comes back. The browser tests run
    together (tests/conftest.py), so this happens once per run, or once per xdist worker.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        base_site.restore(base_site.MIGRATIONS)
        call_command("load_demo_content", verbosity=0)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            base_site.restore(base_site.BASE_SITE)


@pytest.fixture(scope="package")
def chromium(demo_server):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django refuses ORM calls
    # there. Set only while the browser tests run (they run together, see tests/conftest.py).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Tabs:
    """Browser contexts, one per window size and motion preference, and their pages, reused by
    all browser tests: opening a context and a page costs more than loading the page. A test
    gets pages no other test holds, on about:blank, and a context without cookies; the HTTP
    cache keeps the site's CSS and scripts, as for a returning visitor."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = {}
        self.idle = defaultdict(list)
        self.shared = {}  # (key, path) -> a page left loaded for the next test that shares it

    @staticmethod
    def key(viewport: dict, reduced_motion: bool) -> tuple:
        return (viewport["width"], viewport["height"], reduced_motion)

    def take(self, viewport: dict, reduced_motion: bool) -> tuple[tuple, object]:
        """A (key, page) pair; hand both back with `give_back`."""
        key = self.key(viewport, reduced_motion)
        if key not in self.contexts:
            self.contexts[key] = self.browser.new_context(
                viewport=viewport,
                reduced_motion="reduce" if reduced_motion else "no-preference",
                locale="de-DE",
            )
        context = self.contexts[key]
        context.clear_cookies()
        return key, self.idle[key].pop() if self.idle[key] else context.new_page()

    def give_back(self, key: tuple, page) -> None:
        # A new document for the next test (going to another #fragment of the same address
        # would otherwise not load the page again).
        page.goto("about:blank")
        self.idle[key].append(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="package")
def tabs(chromium):
    tabs = Tabs(chromium)
    yield tabs
    tabs.close()


@pytest.fixture
def open_page(tabs, demo_server):
    """Open a path of the live site in a browser page of the given size, without cookies."""
    taken = []  # (key, page, console listener, path to share it under or None)

    def _open(path: str, *, viewport=DESKTOP, reduced_motion=True, status=None, share=False):
        """`status`: the HTTP status the page must answer with (default: any 2xx).

        `share`: for tests that only read the page. Two tests that open the same address at
        the same size with `share=True` share one page load: the first leaves the page loaded,
        the second takes it as it is.
        """
        if share:
            key = tabs.key(viewport, reduced_motion)
            page = tabs.shared.pop((key, path), None)
            if page is not None:
                taken.append((key, page, None, None))
                return page
        key, page = tabs.take(viewport, reduced_motion)
        page.console_errors = []

        def on_console(message):
            if message.type == "error":
                page.console_errors.append(message.text)

        page.on("console", on_console)
        taken.append((key, page, on_console, None))
        response = page.goto(demo_server.url + path)
        answered = response.status if response else None
        if status is None:
            assert response is not None and response.ok, f"{path} answered {answered}"
        else:
            assert answered == status, f"{path} answered {answered}, expected {status}"
            # Chromium reports the expected status of the document itself as a console error.
            page.console_errors = [
                text for text in page.console_errors if f"status of {status}" not in text
            ]
        if share:
            taken[-1] = (key, page, on_console, path)
        return page

    yield _open
    for key, page, on_console, shared_path in taken:
        if on_console is not None:
            page.remove_listener("console", on_console)
        if shared_path is None:
            tabs.give_back(key, page)
        else:
            tabs.shared[(key, shared_path)] = page


def run_axe(page) -> list[dict]:
    """Violations of the WCAG 2.0/2.1 A and AA rules on the current page."""
    # evaluate() goes through the DevTools protocol, so the site's CSP (no inline scripts) stays on.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"],
        })"""
    )
    return result["violations"]


def assert_accessible(page, label: str) -> None:
    """Zero axe violations (WCAG 2.0/2.1 A and AA) and no console errors (CSP, assets)."""
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.console_errors == []


# Link texts that say nothing out of context (WCAG 2.4.4).
VAGUE_LINK_TEXTS = {"hier", "mehr", "weiter", "link", "here", "more", "click here", "read more"}


def assert_meaningful_structure(page, label: str, *, lang: str) -> None:
    """One h1, no skipped heading levels, telling link texts, alt texts, the page language."""
    headings = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.map(el => Number(el.tagName[1]))"
    )
    link_texts = page.eval_on_selector_all(
        "a[href]",
        "els => els.map(el => (el.getAttribute('aria-label') || el.innerText)"
        ".trim().toLowerCase())",
    )
    images_without_alt = page.eval_on_selector_all("img:not([alt])", "els => els.length")

    assert headings.count(1) == 1, f"{label}: exactly one h1, got {headings}"
    skipped = [(a, b) for a, b in itertools.pairwise(headings) if b > a + 1]
    assert skipped == [], f"{label}: heading levels skip {skipped}"
    assert sorted(set(link_texts) & VAGUE_LINK_TEXTS) == []
    assert "" not in link_texts
    assert images_without_alt == 0
    assert page.get_attribute("html", "lang") == lang


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def save_screenshot(page, name: str) -> Path:
    target = ARTIFACTS / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target
