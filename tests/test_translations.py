"""The English interface catalogue is complete, so no German leaks onto English pages."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _untranslated(catalog):
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            yield message.id


def test_every_interface_string_has_an_english_translation():
    with PO_FILE.open("rb") as po:
        catalog = read_po(po, locale="en")

    assert list(_untranslated(catalog)) == []


def test_compiled_catalogue_is_used_for_english(client):
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Zum Inhalt springen") == "Skip to content"
