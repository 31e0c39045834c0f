"""The locales, loaded once per request.

A page asks for locales a dozen times (routing, menu, footer, head, lists, a page's language),
and Wagtail's `Locale.get_default()` and `Locale.get_active()` query on every call. All of them
are read here with one query (Wagtail's lookups too: home.wagtail_patches) and kept until the
next request starts or a Locale is saved or deleted, so they never outlive a request.
"""

from django.conf import settings
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_by_language: dict[str, Locale] = {}
_by_id: dict[int, Locale] = {}


def clear(**kwargs) -> None:
    _by_language.clear()
    _by_id.clear()


request_started.connect(clear, dispatch_uid="home.locales.clear")
post_save.connect(clear, sender=Locale, dispatch_uid="home.locales.clear_on_save")
post_delete.connect(clear, sender=Locale, dispatch_uid="home.locales.clear_on_delete")


def _load() -> None:
    if not _by_id:
        for locale in Locale.objects.all():
            _by_id[locale.pk] = _by_language[locale.language_code] = locale


def locale_for(language_code: str) -> Locale:
    code = get_supported_content_language_variant(language_code)
    _load()
    locale = _by_language.get(code)
    if locale is None:
        # Not (or no longer) in the loaded set: raises Locale.DoesNotExist as Wagtail does.
        locale = _by_language[code] = Locale.objects.get(language_code=code)
        _by_id[locale.pk] = locale
    return locale


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    return locale_for(translation.get_language() or settings.LANGUAGE_CODE)


def language_code_of(locale_id: int | None) -> str:
    """The language code of the locale with this id ("" for none), without a query."""
    if locale_id is None:
        return ""
    _load()
    locale = _by_id.get(locale_id)
    if locale is None:
        locale = Locale.objects.filter(pk=locale_id).first()
        if locale is None:
            return ""
        _by_id[locale.pk] = _by_language[locale.language_code] = locale
    return locale.language_code
