"""Admin panels shared by the page types."""

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale


class SameLanguageChoicesPanel(FieldPanel):
    """A many-to-many to a translatable snippet (e.g. the Gestaltungsbereiche) that offers only
    the snippets in the page's language, instead of every language mixed together.

    A page may point to the snippets in another language (translations are copies); what it
    points to is shown ticked in the page's language, matched by translation key.
    """

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            form, instance = kwargs.get("form"), kwargs.get("instance")
            name = kwargs["panel"].field_name
            if form is not None and name in form.fields:
                self._offer_same_language(form, instance, name)
            super().__init__(**kwargs)

        @staticmethod
        def _offer_same_language(form, instance, name):
            field = form.fields[name]
            model = field.queryset.model
            locale_id = getattr(instance, "locale_id", None) or Locale.get_default().pk
            options = model.objects.filter(locale_id=locale_id)
            if not options.exists():
                options = model.objects.filter(locale=Locale.get_default())
            field.queryset = options
            if form.is_bound:
                return
            chosen = form.initial.get(name) or []
            pks = [getattr(item, "pk", item) for item in chosen]
            keys = model.objects.filter(pk__in=pks).values("translation_key")
            form.initial[name] = list(
                options.filter(translation_key__in=keys).values_list("pk", flat=True)
            )
