"""Filters of the „Postausgang“ listing."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .choices import EmailStatus
from .models import OutboundEmail


def template_choices():
    templates = OutboundEmail.objects.order_by("template").values_list("template", flat=True)
    return [(name, name) for name in templates.distinct()]


def related_types(request):
    used = OutboundEmail.objects.exclude(related_type=None).values("related_type")
    return ContentType.objects.filter(pk__in=used)


class RelatedTypeChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return str(model._meta.verbose_name_plural) if model else obj.model


class RelatedTypeFilter(django_filters.ModelChoiceFilter):
    field_class = RelatedTypeChoiceField


class OutboundEmailFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=EmailStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    template = django_filters.ChoiceFilter(
        label=_("Vorlage"), choices=template_choices, empty_label=_("Alle Vorlagen")
    )
    related_type = RelatedTypeFilter(
        label=_("Bezug"), queryset=related_types, empty_label=_("Alle")
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Erstellt am"), widget=DateRangePickerWidget
    )

    class Meta:
        model = OutboundEmail
        fields = []
