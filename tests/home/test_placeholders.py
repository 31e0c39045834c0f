"""Placeholders in editorial texts ("[Demo: …]") stand out on the page, visually and for screen
readers, so that nobody takes them for real statements."""

from bs4 import BeautifulSoup
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText

from home.templatetags.placeholder_tags import mark_placeholders
from tests.factories import ContentPageFactory


def test_placeholders_are_wrapped_and_announced():
    html = mark_placeholders(
        mark_safe("<p>Registergericht: [Demo: ergänzen]. Geprüft [Demo-Angabe]; [1] bleibt.</p>")
    )

    soup = BeautifulSoup(html, "html.parser")
    marked = soup.select("span.placeholder")
    assert [span.get_text() for span in marked] == [
        "Platzhalter, noch zu ergänzen:[Demo: ergänzen]",
        "Platzhalter, noch zu ergänzen:[Demo-Angabe]",
    ]
    assert "[1] bleibt." in soup.get_text()


def test_text_is_escaped_when_it_was_not_safe_yet():
    html = mark_placeholders("<b>[Platzhalter: Name]</b>")

    assert html.startswith("&lt;b&gt;")
    assert '<span class="placeholder">' in html


def test_a_page_marks_its_placeholders(client, home_page):
    ContentPageFactory(
        parent=home_page,
        title="Hinweise",
        slug="hinweise",
        body=[("paragraph", RichText("<p>Vertreten durch [Demo: Namen ergänzen]</p>"))],
    )

    soup = BeautifulSoup(client.get("/hinweise/").content, "html.parser")

    [placeholder] = soup.select("main .placeholder")
    assert placeholder.get_text() == "Platzhalter, noch zu ergänzen:[Demo: Namen ergänzen]"
