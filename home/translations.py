"""Keeping translated pages in step with the German page they translate (wagtail-localize)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

logger = logging.getLogger(__name__)


def publish_translations(page: Page) -> list[Page]:
    """Bring every synchronised translation of `page` up to its published content and publish it.

    Call after `page` was published (the source is read from the database row, which is the
    live content). Texts already translated stay; new texts show in German until a translator
    translates them; synchronised fields (dates, place, capacity, status) are copied. A
    translation switched to manual editing is left alone. Returns the published translations.
    """
    source = TranslationSource.objects.get_for_instance_or_none(page.specific)
    if source is None or page.locale_id != Locale.get_default().pk:
        return []
    published = []
    with transaction.atomic():
        source.update_from_db()
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            try:
                # publish=False and an explicit publish: wagtail-localize would publish in
                # on_commit, outside this transaction.
                translation.save_target(publish=False)
            except ValidationError as error:  # shown to translators in the editor
                logger.warning("Translation %s cannot be saved: %s", translation.pk, error)
                continue
            target = page.get_translation(translation.target_locale)
            target.get_latest_revision().publish()
            published.append(target)
    return published
