"""What free text the site accepts: no control characters, no bidirectional overrides, and
invisible characters alone count as nothing.

Control characters break exports (openpyxl refuses them), terminals and e-mail headers;
bidirectional overrides (U+202A to U+202E, U+2066 to U+2069) make a name read differently from what
is stored ("Trojan Source"). Every public form field and every model field people type into
uses these checks, so the same rules hold for the site, the admin and the API.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 (without tab, line feed, carriage return), DEL and C1.
CONTROL_CHARACTERS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
CONTROL_CHARACTERS += "".join(chr(c) for c in range(0x7F, 0xA0))
LINE_BREAKS = "\t\n\r\u2028\u2029"
# Characters that show nothing: a field holding only these is empty.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"

_FORBIDDEN = re.compile(f"[{re.escape(CONTROL_CHARACTERS + BIDI_CONTROLS)}]")
_FORBIDDEN_SINGLE_LINE = re.compile(
    f"[{re.escape(CONTROL_CHARACTERS + BIDI_CONTROLS + LINE_BREAKS)}]"
)
_EDGES = re.compile(f"^[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+$")

CONTROL_CHARACTER_MESSAGE = _(
    "Ihre Angabe enthält unsichtbare Steuerzeichen (zum Beispiel aus einer kopierten Vorlage). "
    "Bitte tippen Sie die Angabe neu ein."
)
LINE_BREAK_MESSAGE = _("Bitte schreiben Sie Ihre Angabe in eine Zeile.")


def strip_invisible(value: str) -> str:
    """Remove whitespace and invisible characters at both ends ("\u200b" becomes "")."""
    return _EDGES.sub("", value)


def validate_single_line(value: str) -> None:
    """A name, an organisation, a subject: one line of visible text."""
    if _FORBIDDEN.search(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")
    if _FORBIDDEN_SINGLE_LINE.search(value):
        raise ValidationError(LINE_BREAK_MESSAGE, code="line_break")


def validate_multi_line(value: str) -> None:
    """A longer text: line breaks and tabs allowed, other control characters not."""
    if _FORBIDDEN.search(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")


def printable(value: str) -> str:
    """`value` without any character a validator above would refuse: for exports of data that
    was stored before the rules existed."""
    return _FORBIDDEN.sub("", value)


# What a spreadsheet reads as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell no spreadsheet runs as a formula: text starting with =, +, -, @ (or a tab or a
    carriage return) gets a leading apostrophe; other values stay as they are."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
