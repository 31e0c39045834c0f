"""Build the demo site: page tree, taxonomies, images, settings, an admin user, English pages.

Idempotent: objects are looked up by stable keys (slug, translation key, username, image
title) and only written when their content differs, so a second run creates no revisions and
publishes nothing. The content itself lives in `home/demo_content.py`, the events in
`events/demo_content.py`.

Dates relative to today are set once, when a page is created: news dates, and the first day of
an event (its other dates follow from that day). Later runs, on the same day or later, keep
them.

Later features add their part as another step function in `STEPS` (before
`translate_into_english`, which must see the final German pages); pages of other apps join the
page steps through `page_specs()`. After `publish_pages`, `ctx.pages` holds every German page by
its key, e.g. `ctx.pages[events.demo_content.SMALL_EVENT_KEY]`, the event with five seats.
"""

import hashlib
import io
import json
import os
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from events import demo_content as event_content
from events import services as event_services
from events.models import EventIndexPage, EventPage
from home import demo_content as content
from home.models import (
    ContentPage,
    FocusArea,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedLink,
    SiteSettings,
)

PAGE_MODELS = {
    "HomePage": HomePage,
    "ContentPage": ContentPage,
    "NewsIndexPage": NewsIndexPage,
    "NewsPage": NewsPage,
    "EventIndexPage": EventIndexPage,
    "EventPage": EventPage,
}

BERLIN = ZoneInfo("Europe/Berlin")

# Block ids derive from this namespace and the page key, so they survive re-runs: stable ids
# keep wagtail-localize's translation contexts (which contain block ids) valid.
BLOCK_ID_NAMESPACE = uuid.UUID("0b0f8a4e-5f1e-4c57-9a53-5e0c1f0a7d21")

MISSING = object()  # a reference to a page that does not exist yet


class Report:
    STATUSES = ("created", "updated", "deleted", "unchanged")

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
        return any(counter[s] for counter in self.counts.values() for s in self.STATUSES[:3])


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
    focus_areas: dict[str, FocusArea] = field(default_factory=dict)
    site: Site | None = None
    event_first_days: dict[str, date] = field(default_factory=dict)  # by page key


def page_specs() -> list[content.PageSpec]:
    """All German pages, parents before children, in creation (and so menu) order."""
    return [*content.PAGES, *event_content.PAGES]


# --- Safety ---------------------------------------------------------------------------------


def check_environment() -> None:
    # override_settings() hides SETTINGS_MODULE, hence the fallback to the environment.
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if module.endswith(".production"):
        raise CommandError(
            f"load_demo_content refuses to run with production settings ({module}): it "
            "replaces the home page and creates an admin user with a known password. "
            "Use config.settings.dev."
        )
    if not settings.DEBUG and not module.endswith(".test"):
        raise CommandError(
            f"load_demo_content runs only with DEBUG on or with the test settings, not with "
            f"{module or 'unknown settings'}."
        )


# --- Resolving symbolic references ------------------------------------------------------------


def resolve(ctx: DemoContext, value, lang: str = "de"):
    """Turn demo_content's symbolic values into stored values for one language."""
    if isinstance(value, content.T):
        return resolve(ctx, getattr(value, lang), lang)
    if isinstance(value, content.Ref):
        page = ctx.pages.get(value.key)
        return page.pk if page is not None else MISSING
    if isinstance(value, content.FocusAreaRef):
        return ctx.focus_areas.get(value.slug, MISSING)
    if isinstance(value, content.ImageRef):
        return ctx.images[value.key].pk
    if isinstance(value, content.DaysAgo):
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
    """Replace an event's `FirstDay`/`EventDay` markers with dates and Europe/Berlin times."""
    if isinstance(value, event_content.FirstDay):
        return datetime.combine(first_day, value.at, tzinfo=BERLIN)
    if isinstance(value, event_content.EventDay):
        day = first_day + timedelta(days=value.offset)
        return day if value.at is None else datetime.combine(day, value.at, tzinfo=BERLIN)
    if isinstance(value, dict):
        return {key: on_event_days(item, first_day) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(on_event_days(item, first_day) for item in value)
    return value


def event_first_day(ctx: DemoContext, spec: content.PageSpec, page: Page | None) -> date:
    """The day the event starts: kept from the stored page, else counted from today."""
    if page is not None:
        return timezone.localtime(page.start, BERLIN).date()
    return ctx.today + timedelta(days=spec.fields["start"].days)


def field_values(ctx: DemoContext, model, key: str, fields: dict, lang: str = "de") -> dict:
    """Model field values (stream data, ids for foreign keys, lists for relations)."""
    if key in ctx.event_first_days:
        fields = on_event_days(fields, ctx.event_first_days[key])
    values = {}
    for name, value in fields.items():
        if name == "related_links":
            pks = [resolve(ctx, ref, lang) for ref in value]
            values[name] = [pk for pk in pks if pk is not MISSING]
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
        if name == "related_links":
            current = [link.related_page_id for link in obj.related_links.all()]
            if current != value:
                obj.related_links = [
                    NewsPageRelatedLink(related_page_id=pk, sort_order=i)
                    for i, pk in enumerate(value)
                ]
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


# --- Steps ----------------------------------------------------------------------------------


def ensure_locales(ctx: DemoContext) -> None:
    for code in ("de", "en"):
        locale, created = Locale.objects.get_or_create(language_code=code)
        ctx.report.add("locales", "created" if created else "unchanged")
        setattr(ctx, code, locale)
    if Locale.get_default() != ctx.de:
        raise CommandError("German must be the default language (LANGUAGE_CODE = 'de').")


def ensure_admin_user(ctx: DemoContext) -> None:
    password = os.environ.get("DEMO_PASSWORD") or content.DEFAULT_DEMO_PASSWORD
    user_model = get_user_model()
    user = user_model.objects.filter(username=content.ADMIN_USERNAME).first()
    if user is None:
        user = user_model.objects.create_superuser(
            username=content.ADMIN_USERNAME, email=content.ADMIN_EMAIL, password=password
        )
        ctx.report.add("users", "created")
    else:
        changed = False
        if not user.check_password(password):
            user.set_password(password)
            changed = True
        for flag in ("is_active", "is_staff", "is_superuser"):
            if not getattr(user, flag):
                setattr(user, flag, True)
                changed = True
        if changed:
            user.save()
        ctx.report.add("users", "updated" if changed else "unchanged")
    ctx.user = user


def render_png(spec: content.GeneratedImage) -> bytes:
    """A simple deterministic graphic: coloured ground, a few circles, centred text lines."""
    width, height = spec.size
    image = PillowImage.new("RGB", spec.size, spec.background)
    draw = ImageDraw.Draw(image)
    if spec.shapes:
        for x, y, radius in ((0.12, 0.2, 0.22), (0.88, 0.85, 0.3), (0.78, 0.12, 0.1)):
            r = radius * height
            box = (x * width - r, y * height - r, x * width + r, y * height + r)
            draw.ellipse(box, outline=spec.foreground, width=max(2, height // 120))
    else:
        draw.rectangle((0, 0, width - 1, height - 1), outline=spec.foreground, width=4)
    sizes = [height // 5 if spec.shapes else height // 4] + [height // 9] * len(spec.lines)
    fonts = [ImageFont.load_default(size=size) for size in sizes[: len(spec.lines)]]
    boxes = [
        draw.textbbox((0, 0), line, font=font) for line, font in zip(spec.lines, fonts, strict=True)
    ]
    gap = height // 20
    total = sum(box[3] - box[1] for box in boxes) + gap * (len(boxes) - 1)
    y = (height - total) / 2
    for line, font, box in zip(spec.lines, fonts, boxes, strict=True):
        line_width, line_height = box[2] - box[0], box[3] - box[1]
        draw.text(
            ((width - line_width) / 2 - box[0], y - box[1]), line, font=font, fill=spec.foreground
        )
        y += line_height + gap
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def build_images(ctx: DemoContext) -> None:
    image_model = get_image_model()
    for spec in content.ALL_IMAGES:
        image = image_model.objects.filter(title=spec.title).first()
        if image is None:
            data = render_png(spec)
            image = image_model(
                title=spec.title,
                file=ImageFile(io.BytesIO(data), name=f"demo-{spec.key}.png"),
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),  # what Wagtail stores: SHA-1
            )
            image.save()
            ctx.report.add("images", "created")
        else:
            ctx.report.add("images", "unchanged")
        ctx.images[spec.key] = image


def _is_wagtail_welcome_page(page: Page) -> bool:
    return (
        page.depth == 2
        and page.content_type_id == ContentType.objects.get_for_model(Page).pk
        and page.title == content.WAGTAIL_WELCOME_TITLE
        and page.numchild == 0
    )


def _find_page(ctx: DemoContext, spec: content.PageSpec, parent: Page, model) -> Page | None:
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


def create_pages(ctx: DemoContext) -> None:
    """Make sure every German page exists, so that pages can link to each other.

    New pages get their content here without links to pages that do not exist yet; they are
    completed and published once by `publish_pages`.
    """
    root = Page.get_first_root_node()
    for spec in page_specs():
        model = PAGE_MODELS[spec.model]
        parent = root if spec.parent is None else ctx.pages[spec.parent]
        page = _find_page(ctx, spec, parent, model)
        if isinstance(spec.fields.get("start"), event_content.FirstDay):
            ctx.event_first_days[spec.key] = event_first_day(ctx, spec, page)
        if page is None:
            page = model(locale=ctx.de, owner=ctx.user, live=False)
            apply_values(page, field_values(ctx, model, spec.key, spec.fields))
            parent.add_child(instance=page)
            ctx.new_pages.add(spec.key)
        ctx.pages[spec.key] = page


def configure_site(ctx: DemoContext) -> None:
    home = ctx.pages["home"]
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    values = {
        "hostname": content.SITE_HOSTNAME,
        "port": content.SITE_PORT,
        "site_name": content.SITE_NAME,
        "root_page": home.pk,
    }
    ctx.site = sync_object(ctx, "sites", site, values)
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk):
        if _is_wagtail_welcome_page(page) and not Site.objects.filter(root_page=page).exists():
            page.delete()
            ctx.report.add("pages", "deleted")


def build_focus_areas(ctx: DemoContext) -> None:
    for data in content.FOCUS_AREAS:
        values = field_values(ctx, FocusArea, data["slug"], data)
        area = FocusArea.objects.filter(locale=ctx.de, slug=data["slug"]).first()
        area = area or FocusArea(locale=ctx.de)
        ctx.focus_areas[data["slug"]] = sync_object(ctx, "focus areas (de)", area, values)


def build_municipalities(ctx: DemoContext) -> None:
    for data in content.MUNICIPALITIES:
        municipality = Municipality.objects.filter(slug=data["slug"]).first() or Municipality()
        sync_object(ctx, "municipalities", municipality, data)


def publish_pages(ctx: DemoContext) -> None:
    """Bring every German page to its demo content; publish a revision only on change.

    Publishing an event also records its calendar state (the page_published receiver in
    `events.signals`), so unchanged events keep SEQUENCE 0.
    """
    for spec in page_specs():
        model = PAGE_MODELS[spec.model]
        page = model.objects.get(pk=ctx.pages[spec.key].pk)
        is_new = spec.key in ctx.new_pages
        values = field_values(ctx, model, spec.key, spec.fields)
        if not is_new:
            # Dates are relative to the first run; keeping them makes later runs no-ops.
            # (Event dates follow the stored first day, see `event_first_day`.)
            values.pop("date", None)
        changed = apply_values(page, values)
        kind = "events" if model is EventPage else "pages"
        if changed or is_new or not page.live or page.has_unpublished_changes:
            page.save_revision(user=ctx.user, log_action=True).publish(user=ctx.user)
            ctx.report.add(kind, "created" if is_new else "updated")
        else:
            ctx.report.add(kind, "unchanged")
        ctx.pages[spec.key] = model.objects.get(pk=page.pk)


def build_site_settings(ctx: DemoContext) -> None:
    site_settings = SiteSettings.objects.filter(site=ctx.site).first() or SiteSettings(
        site=ctx.site
    )
    values = field_values(ctx, SiteSettings, "site-settings", content.SITE_SETTINGS)
    values["funders"] = stream_data(
        ctx,
        "site-settings/funders",
        [
            (
                "funder",
                {
                    "name": funder["name"],
                    # The name is printed beside the logo, so the logo is decorative.
                    "logo": {
                        "image": content.ImageRef(funder["logo"].key),
                        "decorative": True,
                        "alt_text": "",
                    },
                    "url": "",
                },
            )
            for funder in content.FUNDERS
        ],
        "de",
    )
    sync_object(ctx, "site settings", site_settings, values)


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
            "or a different number of paragraphs/list items). Check home/demo_content.py."
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


def translate_into_english(ctx: DemoContext) -> None:
    # Parents first: wagtail-localize needs the English parent page before the child.
    for spec in page_specs():
        if not spec.translate:
            continue
        model = PAGE_MODELS[spec.model]
        german = model.objects.get(pk=ctx.pages[spec.key].pk)
        english = model(locale=ctx.de)
        apply_values(english, field_values(ctx, model, spec.key, spec.fields, lang="en"))
        translate(ctx, "pages (en)", german, english)
    for data in content.FOCUS_AREAS:
        german = FocusArea.objects.get(pk=ctx.focus_areas[data["slug"]].pk)
        english = FocusArea(locale=ctx.de)
        apply_values(english, field_values(ctx, FocusArea, data["slug"], data, lang="en"))
        translate(ctx, "focus areas (en)", german, english)


def build_registrations(ctx: DemoContext) -> None:
    """Register the demo people through the same service as the public form.

    Someone already registered for the event (in any state) is left alone, so later runs
    change nothing; once an event's registration has closed, nobody new is added.
    """
    for key, people in event_content.REGISTRATIONS.items():
        event = ctx.pages[key]
        known = set(event.registrations.values_list("email", flat=True))
        for person in people:
            if person.email in known:
                ctx.report.add("registrations", "unchanged")
                continue
            data = {
                name: getattr(person, name)
                for name in (
                    "name",
                    "email",
                    "organisation",
                    "municipality",
                    "role",
                    "accessibility_needs",
                    "dietary_needs",
                    "participant_list_consent",
                )
            }
            try:
                registration = event_services.register_for_event(
                    event=event, data=data, language=person.language
                )
            except event_services.RegistrationError:
                continue  # registration closed since the first run
            if person.cancelled:
                event_services.cancel_registration(registration, by="registrant")
            ctx.report.add("registrations", "created")


STEPS = [
    ensure_locales,
    ensure_admin_user,
    build_images,
    create_pages,
    configure_site,
    build_focus_areas,
    build_municipalities,
    publish_pages,
    build_site_settings,
    translate_into_english,
    build_registrations,  # last: the mails they queue show the finished English pages
]


class Command(BaseCommand):
    help = "Build the demo site (German pages, English translations, settings, admin user)."

    def handle(self, *args, **options):
        check_environment()
        ctx = DemoContext(today=timezone.localdate())
        try:
            with transaction.atomic():
                for step in STEPS:
                    step(ctx)
        except ValidationError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
        self.stdout.write("Demo content:")
        for line in ctx.report.lines():
            self.stdout.write(line)
        if ctx.report.changed:
            self.stdout.write(self.style.SUCCESS("Demo site is ready."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site was already up to date."))
        source = "DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else "the default demo password"
        self.stdout.write(f"Admin login: {content.ADMIN_USERNAME} with {source} (see README).")
