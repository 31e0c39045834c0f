"""The events listing's filters, parsed from the query string. Pure: no database access."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .choices import EventFormat, EventMode

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class EventFilters:
    event_format: str = ""
    focus_area: str = ""
    mode: str = ""
    month: date | None = None
    archive: bool = False
    invalid: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query, *, focus_areas) -> "EventFilters":
        """Parse the query string; unknown values are dropped and reported, never raised.
        `focus_areas` are the Gestaltungsbereiche a visitor can choose from."""
        filters = cls(archive=query.get("zeitraum") == "archiv")
        value = query.get("format", "")
        if value in EventFormat.values:
            filters.event_format = value
        elif value:
            filters.invalid.append("format")
        value = query.get("modus", "")
        if value in EventMode.values:
            filters.mode = value
        elif value:
            filters.invalid.append("modus")
        value = query.get("bereich", "")
        if value and value in {area.slug for area in focus_areas}:
            filters.focus_area = value
        elif value:
            filters.invalid.append("bereich")
        value = query.get("monat", "")
        match = MONTH_PATTERN.match(value)
        if match and 1 <= int(match[2]) <= 12 and 2000 <= int(match[1]) <= 2100:
            filters.month = date(int(match[1]), int(match[2]), 1)
        elif value:
            filters.invalid.append("monat")
        return filters

    @property
    def active(self) -> bool:
        return bool(self.event_format or self.focus_area or self.mode or self.month)


def filter_options(*, focus_areas) -> dict:
    """What the filter form offers: formats, modes, Gestaltungsbereiche, the next 12 months."""
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _offset in range(12):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "formats": EventFormat.choices,
        "modes": EventMode.choices,
        "focus_areas": focus_areas,
        "months": months,
    }
