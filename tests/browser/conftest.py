"""Real-browser layer: Playwright driving Debian's Chromium against Django's live server.

Skipped, with the reason shown, where Chromium or axe-core is missing; CI installs both.
"""

import itertools
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """Django's live server over the demo content, shared by all browser tests.

    The demo data is committed (not rolled back per test), so the suite orders browser tests
    last (see tests/conftest.py).
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(scope="session")
def chromium(demo_server):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django refuses ORM calls
    # there. Browser tests run last (tests/conftest.py), so no other test runs with this set.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def open_page(chromium, demo_server):
    """Open a path of the live site in a fresh browser context of the given size."""
    contexts = []

    def _open(path: str, *, viewport=DESKTOP, reduced_motion=True, status=None):
        """`status`: the HTTP status the page must answer with (default: any 2xx)."""
        context = chromium.new_context(
            viewport=viewport,
            reduced_motion="reduce" if reduced_motion else "no-preference",
            locale="de-DE",
        )
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
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
        return page

    yield _open
    for context in contexts:
        context.close()


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
