"""The vocabulary of the demo content: how each app's demo module writes its data.

Pure data, no database access. Pages, focus areas and settings refer to each other through
symbolic keys (`Ref`, `FocusAreaRef`, `ImageRef`) that the builder resolves to ids. Texts that
also appear on the English site are `T(de, en)` pairs, so the two languages are written side
by side and cannot drift apart. Dates are relative: `DaysAgo` to today; a page whose `start`
is a `FirstDay` keeps the first day it got when it was created, and its other dates and
times (`EventDay`) count from that day, so repeated runs neither move nor republish it.
"""

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class T:
    """A text in German (source) and English (translation)."""

    de: str
    en: str


@dataclass(frozen=True)
class Ref:
    """A page, by its key in `PAGES`."""

    key: str


@dataclass(frozen=True)
class FocusAreaRef:
    slug: str


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class DaysAgo:
    """A date relative to today, so the demo news stay recent."""

    days: int


@dataclass(frozen=True)
class PageSpec:
    key: str
    parent: str | None  # key of the parent page; None for the home page below the root
    model: str  # "app_label.ModelName", e.g. "home.NewsPage"
    fields: dict
    translate: bool = False  # translated into English through wagtail-localize


@dataclass(frozen=True)
class DemoAccount:
    """A demo login; every account has the demo password (README)."""

    username: str
    email: str
    first_name: str = ""
    last_name: str = ""
    superuser: bool = False
    groups: tuple[str, ...] = ()  # keys of the demo groups


@dataclass(frozen=True)
class GeneratedImage:
    key: str
    title: str
    lines: tuple[str, ...]
    background: str
    foreground: str
    size: tuple[int, int] = (1200, 675)
    shapes: bool = True


@dataclass(frozen=True)
class NewsItem:
    slug: str
    days_ago: int
    title: str
    teaser: str
    body: list
    focus_areas: tuple[str, ...]
    related: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str = ""


# --- Block helpers ----------------------------------------------------------------------
# Each returns (block type, value) as stored in BodyStreamBlock; the builder adds block ids.


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def quote(text, *, author="", role=""):
    return ("quote", {"text": text, "author": author, "role": role})


def call_to_action(title, text, link_text, *, page: Ref):
    return (
        "call_to_action",
        {
            "title": title,
            "text": text,
            "link_text": link_text,
            "target": {"page": page, "url": ""},
        },
    )


def accordion(title, items):
    return (
        "accordion",
        {
            "title": title,
            "items": [
                {"type": "item", "value": {"question": question, "answer": answer}}
                for question, answer in items
            ],
        },
    )


def table(caption, rows):
    """A table whose first row holds the column headers."""
    return (
        "table",
        {
            "caption": caption,
            "table": {
                "data": rows,
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        },
    )


@dataclass(frozen=True)
class FirstDay:
    """The first day of an event: `days` after the day its page is created, at a local time."""

    days: int
    at: time


@dataclass(frozen=True)
class EventDay:
    """A day counted from the event's first day (0 = first day); a date, or a time on it."""

    offset: int
    at: time | None = None
