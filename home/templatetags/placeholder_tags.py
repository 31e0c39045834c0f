"""Placeholders in editorial texts: "[Demo: …]" and "[Platzhalter: …]" stand out on the page.

Editors (and the demo content) write what still has to be filled in as text in square
brackets starting with "Demo" or "Platzhalter"; on the page it is marked so that nobody takes it
for a real statement, visually and for screen readers.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

PLACEHOLDER = re.compile(r"\[(?:Demo|Platzhalter)\b[^\[\]<>]*\]")


@register.filter
def mark_placeholders(html):
    """Wrap placeholders in already rendered (safe) HTML text."""
    html = conditional_escape(html)

    def marked(match):
        return format_html(
            '<span class="placeholder"><span class="visually-hidden">{}</span>{}</span>',
            _("Platzhalter, noch zu ergänzen:"),
            match.group(0),
        )

    return mark_safe(PLACEHOLDER.sub(lambda m: str(marked(m)), str(html)))
