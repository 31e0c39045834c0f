"""The machinery that builds the demo site from the apps' demo modules.

Each app contributes a module (listed in settings.DEMO_CONTENT, in order) with

- `PAGES`: German pages as `PageSpec`s, parents before children, in menu order;
- `STEPS`: functions `step(ctx)` by phase, run in module order within each phase:
  "setup" (before pages: locales, accounts, images), "pages_created" (every page exists, as
  a draft if new: taxonomies that pages point to), "pages_published" (settings that point to
  pages), "translated" (after the English pages: snippets' translations), and "activity"
  (data made through the apps' services, e.g. registrations).

Idempotent: objects are looked up by stable keys (slug, translation key, username, image
title) and only written when their content differs, so a second run creates no revisions and
publishes nothing. Dates relative to today are set once, when a page is created.
"""

import importlib
import json
import os
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .specs import DaysAgo, EventDay, FirstDay, FocusAreaRef, ImageRef, PageSpec, Ref, T

BERLIN = ZoneInfo("Europe/Berlin")
PHASES = ("setup", "pages_created", "pages_published", "translated", "activity")
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"

# Block ids derive from this namespace and the page key, so they survive re-runs: stable ids
# keep wagtail-localize's translation contexts (which contain block ids) valid.
BLOCK_ID_NAMESPACE = uuid.UUID("0b0f8a4e-5f1e-4c57-9a53-5e0c1f0a7d21")

MISSING = object()  # a reference to a page that does not exist yet


def refuse_unsafe_settings(command: str, why: str) -> None:
    """Stop a command that invents content unless it runs with DEBUG on or the test settings:
    never on a production database."""
    # override_settings() hides SETTINGS_MODULE, hence the fallback to the environment.
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if module.endswith(".production"):
        raise CommandError(
            f"{command} refuses to run with production settings ({module}): {why} "
            "Use config.settings.dev."
        )
    if not settings.DEBUG and not module.endswith(".test"):
        raise CommandError(
            f"{command} runs only with DEBUG on or with the test settings, not with "
            f"{module or 'unknown settings'}."
        )


# --- Context and report ----------------------------------------------------------------


class Report:
    STATUSES = ("created", "updated", "moved", "deleted", "unchanged")

    def __init__(self):
        self.counts: dict[str, Counter] = defaultdict(Counter)

    def add(self, kind: str, status: str) -> None:
        self.counts[kind][status] += 1

    def lines(self) -> list[str]:
        return [
            f"  {kind}: " + ", ".join(f"{counter[s]} {s}" for s in self.STATUSES if counter[s])
            for kind, counter in self.counts.items()
        ]

    @property
    def changed(self) -> bool:
        return any(counter[s] for counter in self.counts.values() for s in self.STATUSES[:4])


@dataclass
class DemoContext:
    today: date
    report: Report = field(default_factory=Report)
    de: Locale | None = None
    en: Locale | None = None
    user: models.Model | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    new_pages: set[str] = field(default_factory=set)
    images: dict = field(default_factory=dict)
    focus_areas: dict = field(default_factory=dict)  # by slug, German
    site: Site | None = None
    first_days: dict[str, date] = field(default_factory=dict)  # by page key (see FirstDay)
    users: dict[str, models.Model] = field(default_factory=dict)  # by username
    groups: dict[str, Group] = field(default_factory=dict)  # by key, e.g. "organisers"
    page_specs: list[PageSpec] = field(default_factory=list)


# --- Resolving symbolic references ------------------------------------------------------------


def resolve(ctx: DemoContext, value, lang: str = "de"):
    """Turn demo_content's symbolic values into stored values for one language."""
    if isinstance(value, T):
        return resolve(ctx, getattr(value, lang), lang)
    if isinstance(value, Ref):
        page = ctx.pages.get(value.key)
        return page.pk if page is not None else MISSING
    if isinstance(value, FocusAreaRef):
        return ctx.focus_areas.get(value.slug, MISSING)
    if isinstance(value, ImageRef):
        return ctx.images[value.key].pk
    if isinstance(value, DaysAgo):
        return ctx.today - timedelta(days=value.days)
    if isinstance(value, str):
        return _resolve_rich_text_links(ctx, value)
    if isinstance(value, dict):
        return {key: resolve(ctx, item, lang) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(resolve(ctx, item, lang) for item in value)
    return value


def _resolve_rich_text_links(ctx: DemoContext, text: str):
    # Rich text links to pages are written as id="@<page key>".
    if 'linktype="page" id="@' not in text:
        return text
    for key, page in ctx.pages.items():
        text = text.replace(f'id="@{key}"', f'id="{page.pk}"')
    return MISSING if 'id="@' in text else text


def contains_missing(value) -> bool:
    if value is MISSING:
        return True
    if isinstance(value, dict):
        return any(contains_missing(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_missing(item) for item in value)
    return False


def stream_data(ctx: DemoContext, id_prefix: str, blocks, lang: str) -> list[dict]:
    """Raw StreamField data with stable block ids; drops blocks that point to missing pages."""
    data = []
    for index, (block_type, value) in enumerate(blocks):
        value = resolve(ctx, value, lang)
        if contains_missing(value):
            continue
        block_id = f"{id_prefix}/{index}"
        data.append(
            {
                "type": block_type,
                "value": _with_list_item_ids(value, block_id),
                "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, block_id)),
            }
        )
    return data


def _with_list_item_ids(value, prefix: str):
    if isinstance(value, dict):
        if set(value) == {"type", "value"}:  # a ListBlock item in block format
            return {**value, "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, prefix))}
        return {key: _with_list_item_ids(item, f"{prefix}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_with_list_item_ids(item, f"{prefix}/{i}") for i, item in enumerate(value)]
    return value


def on_event_days(value, first_day: date):
    """Replace `FirstDay`/`EventDay` markers with dates and Europe/Berlin times."""
    if isinstance(value, FirstDay):
        return datetime.combine(first_day, value.at, tzinfo=BERLIN)
    if isinstance(value, EventDay):
        day = first_day + timedelta(days=value.offset)
        return day if value.at is None else datetime.combine(day, value.at, tzinfo=BERLIN)
    if isinstance(value, dict):
        return {key: on_event_days(item, first_day) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(on_event_days(item, first_day) for item in value)
    return value


def first_day(ctx: DemoContext, spec: PageSpec, page: Page | None) -> date:
    """The day the event starts: kept from the stored page, else counted from today."""
    if page is not None:
        return timezone.localtime(page.start, BERLIN).date()
    return ctx.today + timedelta(days=spec.fields["start"].days)


def child_relations(model) -> dict:
    """The model's inline child relations (modelcluster ParentalKeys), by name."""
    return {relation.get_accessor_name(): relation for relation in get_all_child_relations(model)}


def _child_value(child, name: str):
    field = child._meta.get_field(name)
    return getattr(child, field.attname)


def _child_kwargs(child_model, item: dict) -> dict:
    return {child_model._meta.get_field(name).attname: value for name, value in item.items()}


def field_values(ctx: DemoContext, model, key: str, fields: dict, lang: str = "de") -> dict:
    """Model field values (stream data, ids for foreign keys, lists for relations)."""
    if key in ctx.first_days:
        fields = on_event_days(fields, ctx.first_days[key])
    values = {}
    for name, value in fields.items():
        if name in child_relations(model):
            # Inline children (an InlinePanel): a list of field values per child.
            items = [resolve(ctx, item, lang) for item in value]
            values[name] = [item for item in items if not contains_missing(item)]
            continue
        model_field = model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            values[name] = stream_data(ctx, f"{key}/{name}", value, lang)
        elif isinstance(model_field, ParentalManyToManyField):
            objs = [resolve(ctx, ref, lang) for ref in value]
            values[name] = [obj for obj in objs if obj is not MISSING]
        else:
            resolved = resolve(ctx, value, lang)
            values[name] = None if resolved is MISSING else resolved
    return values


# --- Comparing and applying values ----------------------------------------------------------


def stream_prep(stream_field: StreamField, value) -> list:
    """A StreamField value in its stored form, normalised the same way for both sides."""
    if not isinstance(value, StreamValue):
        value = stream_field.to_python(value)
    prepped = [child.get_prep_value() for child in value]
    return json.loads(json.dumps(prepped, cls=DjangoJSONEncoder))


def apply_values(obj, values: dict) -> bool:
    """Set the values that differ; return whether anything changed. Does not save."""
    changed = False
    for name, value in values.items():
        relation = child_relations(type(obj)).get(name)
        if relation is not None:
            child_model = relation.related_model
            current = [
                {field: _child_value(child, field) for field in item}
                for child, item in zip(getattr(obj, name).all(), value, strict=False)
            ]
            if len(current) != len(value) or current != value:
                setattr(
                    obj,
                    name,
                    [
                        child_model(**_child_kwargs(child_model, item), sort_order=index)
                        for index, item in enumerate(value)
                    ],
                )
                changed = True
            continue
        model_field = obj._meta.get_field(name)
        if isinstance(model_field, StreamField):
            if stream_prep(model_field, getattr(obj, name)) != stream_prep(model_field, value):
                setattr(obj, name, value)
                changed = True
        elif isinstance(model_field, ParentalManyToManyField):
            manager = getattr(obj, name)
            if sorted(o.pk for o in manager.all()) != sorted(o.pk for o in value):
                manager.set(value)
                changed = True
        elif isinstance(model_field, models.ForeignKey):
            if getattr(obj, model_field.attname) != value:
                setattr(obj, model_field.attname, value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def sync_object(ctx: DemoContext, kind: str, obj, values: dict):
    """Create or update a plain model instance; unchanged rows are not written."""
    is_new = obj.pk is None
    if apply_values(obj, values) or is_new:
        obj.full_clean()
        obj.save()
        ctx.report.add(kind, "created" if is_new else "updated")
    else:
        ctx.report.add(kind, "unchanged")
    return obj


# --- Groups and permissions ---------------------------------------------------------------------


def grant(ctx: DemoContext, group_key: str, *permissions: str) -> None:
    """Give the demo group the model permissions "app_label.codename" (idempotent)."""
    group = ctx.groups[group_key]
    for permission in permissions:
        app_label, codename = permission.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def grant_pages(ctx: DemoContext, group_key: str, page: Page, *codenames: str) -> None:
    """Give the demo group page permissions (e.g. "add_page") on `page` and the pages below."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=ctx.groups[group_key],
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


# --- Pages ------------------------------------------------------------------------------------


def _is_wagtail_welcome_page(page: Page) -> bool:
    return (
        page.depth == 2
        and page.content_type_id == ContentType.objects.get_for_model(Page).pk
        and page.title == WAGTAIL_WELCOME_TITLE
        and page.numchild == 0
    )


def _find_page(ctx: DemoContext, spec: PageSpec, parent: Page, model) -> Page | None:
    if spec.parent is None:
        # The German home page is found by type, not slug, so a renamed one is still reused.
        page = model.objects.child_of(parent).filter(locale=ctx.de).first()
        if page is None:
            for sibling in parent.get_children().filter(slug=resolve(ctx, spec.fields["slug"])):
                if _is_wagtail_welcome_page(sibling):
                    # Frees the slug; the page itself is deleted once the site points elsewhere.
                    Page.objects.filter(pk=sibling.pk).update(slug=f"wagtail-welcome-{sibling.pk}")
        return page
    slug = resolve(ctx, spec.fields["slug"])
    page = parent.get_children().filter(slug=slug).first()
    if page is None:
        return None
    page = page.specific
    if not isinstance(page, model):
        raise CommandError(
            f"The page {page.url_path!r} is a {type(page).__name__}, expected {model.__name__}. "
            "Move or delete it, then run the command again."
        )
    return page


def _moved_page(ctx: DemoContext, spec: PageSpec, parent: Page, model) -> Page | None:
    """A page of the spec that an earlier version of the demo put elsewhere (same type, slug
    and language): it is moved under its new parent. Wagtail then redirects its old
    addresses (wagtail.contrib.redirects)."""
    slug = resolve(ctx, spec.fields["slug"])
    candidates = list(model.objects.filter(locale=ctx.de, slug=slug))
    if len(candidates) != 1:
        return None
    page = candidates[0]
    page.move(parent, pos="last-child")
    ctx.report.add("pages", "moved")
    return model.objects.get(pk=page.pk)


def create_pages(ctx: DemoContext) -> None:
    """Make sure every German page exists, so that pages can link to each other.

    New pages get their content here without links to pages that do not exist yet; they are
    completed and published once by `publish_pages`.
    """
    root = Page.get_first_root_node()
    for spec in ctx.page_specs:
        model = apps.get_model(spec.model)
        parent = root if spec.parent is None else ctx.pages[spec.parent]
        page = _find_page(ctx, spec, parent, model)
        if page is None and spec.parent is not None:
            page = _moved_page(ctx, spec, parent, model)
        if isinstance(spec.fields.get("start"), FirstDay):
            ctx.first_days[spec.key] = first_day(ctx, spec, page)
        if page is None:
            page = model(locale=ctx.de, owner=ctx.user, live=False)
            apply_values(page, field_values(ctx, model, spec.key, spec.fields))
            parent.add_child(instance=page)
            ctx.new_pages.add(spec.key)
        ctx.pages[spec.key] = page


def publish_pages(ctx: DemoContext) -> None:
    """Bring every German page to its demo content; publish a revision only on change.

    Publishing runs the apps' page_published receivers (an event records its calendar
    state), so unchanged pages are not published again.
    """
    for spec in ctx.page_specs:
        model = apps.get_model(spec.model)
        page = model.objects.get(pk=ctx.pages[spec.key].pk)
        is_new = spec.key in ctx.new_pages
        values = field_values(ctx, model, spec.key, spec.fields)
        if not is_new:
            # Dates are relative to the first run; keeping them makes later runs no-ops.
            # (Event dates follow the stored first day, see `event_first_day`.)
            values.pop("date", None)
        changed = apply_values(page, values)
        kind = "events" if isinstance(spec.fields.get("start"), FirstDay) else "pages"
        if changed or is_new or not page.live or page.has_unpublished_changes:
            page.save_revision(user=ctx.user, log_action=True).publish(user=ctx.user)
            ctx.report.add(kind, "created" if is_new else "updated")
        else:
            ctx.report.add(kind, "unchanged")
        ctx.pages[spec.key] = model.objects.get(pk=page.pk)


# --- English translations through wagtail-localize ------------------------------------------


def _string_segments(instance) -> list[StringSegmentValue]:
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def english_texts(german, english, label: str) -> dict[tuple[str, str], str]:
    """Map (segment path, German string) to the English string.

    Both instances hold the same structure (same block ids), so wagtail-localize extracts
    their segments in the same order and with the same paths.
    """
    german_segments = _string_segments(german)
    english_segments = _string_segments(english)
    german_paths = [s.path for s in german_segments]
    english_paths = [s.path for s in english_segments]
    if german_paths != english_paths:
        raise CommandError(
            f"The German and English texts of {label} do not line up (different structure "
            "or a different number of paragraphs/list items). Check the demo content module."
        )
    texts = {}
    for de_segment, en_segment in zip(german_segments, english_segments, strict=True):
        key = (de_segment.path, de_segment.string.data)
        if texts.setdefault(key, en_segment.string.data) != en_segment.string.data:
            raise CommandError(f"{label}: two English texts for {de_segment.string.data!r}.")
    return texts


def _comparable_state(instance) -> dict:
    state = {}
    for translatable_field in get_translatable_fields(type(instance)):
        model_field = translatable_field.get_field(type(instance))
        if not getattr(model_field, "concrete", False):
            continue  # child relations: none on the translated models
        if isinstance(model_field, StreamField):
            state[model_field.name] = stream_prep(model_field, getattr(instance, model_field.name))
        else:
            state[model_field.name] = model_field.value_from_object(instance)
    return state


def translate(ctx: DemoContext, kind: str, german, english) -> None:
    """Create or update the English version of `german` through wagtail-localize.

    Every German string gets a StringTranslation with the English text from `english`; a
    German string without English text stops the command instead of showing German text on
    the English site. The target is saved and published only when its content would change.
    """
    label = f"{type(german).__name__} {german}"
    texts = english_texts(german, english, label)
    source, _ = TranslationSource.update_or_create_from_instance(german)
    Translation.objects.get_or_create(source=source, target_locale=ctx.en)

    missing = []
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = texts.get((segment.context.path, segment.string.data))
        if text is None:
            missing.append(segment.string.data)
            continue
        translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=ctx.en,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
        if not created and (translation.data != text or translation.has_error):
            translation.data = text
            translation.has_error = False
            translation.field_error = ""
            translation.save()
            translation.refresh_from_db()
        if translation.has_error:
            raise CommandError(f"{label}: the English text {text!r} is not valid for this field.")
    if missing:
        raise CommandError(f"{label}: no English text for: " + "; ".join(missing))

    is_page = isinstance(german, Page)
    target = german.get_translation_or_none(ctx.en)
    if target is not None:
        current = _comparable_state(type(target).objects.get(pk=target.pk))
        wanted = _comparable_state(source.get_ephemeral_translated_instance(ctx.en))
        needs_publish = is_page and (not target.live or target.has_unpublished_changes)
        if current == wanted and not needs_publish:
            ctx.report.add(kind, "unchanged")
            return

    # publish=False plus an explicit publish: wagtail-localize would publish in on_commit,
    # which never runs inside a test transaction and runs late inside ours.
    translated, _ = source.create_or_update_translation(
        ctx.en, user=ctx.user, publish=not is_page, fallback=False
    )
    if is_page:
        translated.get_latest_revision().publish(user=ctx.user)
    ctx.report.add(kind, "created" if target is None else "updated")


def _follow_moved_source(ctx: DemoContext, german: Page) -> None:
    """Move the English page under the English version of its German page's parent, when the
    German page was moved."""
    english = german.get_translation_or_none(ctx.en)
    parent = german.get_parent().get_translation_or_none(ctx.en)
    if english is None or parent is None or english.get_parent().pk == parent.pk:
        return
    english.move(parent, pos="last-child")
    ctx.report.add("pages (en)", "moved")


def translate_pages(ctx: DemoContext) -> None:
    """The English versions of the pages marked `translate`, parents first (wagtail-localize
    needs the English parent before the child)."""
    for spec in ctx.page_specs:
        if not spec.translate:
            continue
        model = apps.get_model(spec.model)
        german = model.objects.get(pk=ctx.pages[spec.key].pk)
        _follow_moved_source(ctx, german)
        english = model(locale=ctx.de)
        apply_values(english, field_values(ctx, model, spec.key, spec.fields, lang="en"))
        translate(ctx, "pages (en)", german, english)


# --- Running the modules ---------------------------------------------------------------------


def demo_modules(paths) -> list:
    modules = []
    for path in paths:
        module = importlib.import_module(path)
        unknown = set(getattr(module, "STEPS", {})) - set(PHASES)
        if unknown:
            raise ImproperlyConfigured(f"{path}: unknown demo phases {sorted(unknown)}")
        modules.append(module)
    return modules


def run(paths, *, today: date | None = None) -> DemoContext:
    """Build the demo site from the modules at `paths`, in one transaction."""
    modules = demo_modules(paths)
    ctx = DemoContext(today=today or timezone.localdate())
    ctx.page_specs = [spec for module in modules for spec in getattr(module, "PAGES", [])]

    def phase(name: str) -> None:
        for module in modules:
            for step in getattr(module, "STEPS", {}).get(name, []):
                step(ctx)

    with transaction.atomic():
        phase("setup")
        create_pages(ctx)
        phase("pages_created")
        publish_pages(ctx)
        phase("pages_published")
        translate_pages(ctx)
        phase("translated")
        phase("activity")
    return ctx
