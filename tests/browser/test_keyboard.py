"""Keyboard use of the main flows: skip link, phone navigation, visible focus."""

import pytest

from .conftest import DESKTOP, PHONE

# django_db makes pytest-django create the test database; the demo data itself is committed
# once per session by the demo_server fixture.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName,
        text: (el.innerText || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
    };
}"""


def test_skip_link_is_first_and_moves_focus_to_main_content(open_page):
    page = open_page("/", viewport=DESKTOP)

    page.keyboard.press("Tab")
    skip_link = page.evaluate("() => document.activeElement.className")
    top = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
    page.keyboard.press("Enter")

    assert skip_link == "skip-link"
    assert top >= 0  # shown on screen while focused
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_phone_navigation_opens_and_works_with_keyboard_alone(open_page):
    page = open_page("/", viewport=PHONE)
    nav = page.locator("#site-nav")
    menu_button = page.get_by_role("button", name="Menü")
    assert not nav.is_visible()

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('nav-toggle')"):
            break
    page.keyboard.press("Enter")

    assert menu_button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()

    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('#site-nav') !== null")
    assert focused, "the first Tab after opening goes into the navigation"

    page.keyboard.press("Escape")
    assert menu_button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.classList.contains('nav-toggle')")

    page.keyboard.press("Enter")
    page.get_by_role("link", name="Aktuell").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/aktuell/")
    assert page.locator("h1").inner_text() == "Aktuell"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_focus_is_always_visible(open_page, viewport):
    page = open_page("/aktuell/", viewport=viewport)
    if viewport is PHONE:
        page.get_by_role("button", name="Menü").click()

    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "BODY":
            break
        seen.append(state)

    invisible = [state for state in seen if not (state["outline"] and state["visible"])]
    assert len(seen) >= 10
    assert invisible == []
