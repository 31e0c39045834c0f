"""The default and the active locale, looked up once per request.

Wagtail's `Locale.get_default()` and `Locale.get_active()` query the database on every call, and
a page asks for them a dozen times (menu, footer, head, lists). The cache is emptied when a
request starts and whenever a Locale is saved or deleted, so it never outlives a request.
"""

from django.conf import settings
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_by_language: dict[str, Locale] = {}


def clear(**kwargs) -> None:
    _by_language.clear()


request_started.connect(clear, dispatch_uid="home.locales.clear")
post_save.connect(clear, sender=Locale, dispatch_uid="home.locales.clear_on_save")
post_delete.connect(clear, sender=Locale, dispatch_uid="home.locales.clear_on_delete")


def locale_for(language_code: str) -> Locale:
    code = get_supported_content_language_variant(language_code)
    locale = _by_language.get(code)
    if locale is None:
        locale = _by_language[code] = Locale.objects.get_for_language(code)
    return locale


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    return locale_for(translation.get_language() or settings.LANGUAGE_CODE)
