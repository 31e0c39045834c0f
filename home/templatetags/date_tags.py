"""Dates as each language writes them: "Mittwoch, 20. Januar 2027" / "Wednesday, 20 January 2027".

The patterns are in the translation catalogue (context "Datumsformat"), so a language brings its
own word order and punctuation; the month and day names come from Django's own translations.
"""

from django import template
from django.utils.formats import date_format
from django.utils.translation import pgettext

register = template.Library()


def _formatted(value, pattern: str) -> str:
    return date_format(value, pattern) if value else ""


@register.filter(expects_localtime=True)
def day_date(value):
    """20. Januar 2027"""
    return _formatted(value, pgettext("Datumsformat", "j. F Y"))


@register.filter(expects_localtime=True)
def weekday_date(value):
    """Mittwoch, 20. Januar 2027"""
    return _formatted(value, pgettext("Datumsformat", "l, j. F Y"))


@register.filter(expects_localtime=True)
def month_year(value):
    """Januar 2027"""
    return _formatted(value, pgettext("Datumsformat", "F Y"))
