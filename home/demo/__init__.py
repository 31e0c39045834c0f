"""The home app's part of the demo site: locales, accounts and groups, images, the site,
Gestaltungsbereiche, municipalities, content pages, news and settings.

Read by `manage.py load_demo_content` through settings.DEMO_CONTENT; the machinery is in
`home.demo.builder`, the texts in `home.demo.content`.
"""

import hashlib
import io
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, Locale, Page, Site

from home.models import FocusArea, Municipality, SiteSettings

from . import content
from .builder import (
    DemoContext,
    _is_wagtail_welcome_page,
    apply_values,
    field_values,
    grant,
    grant_pages,
    stream_data,
    sync_object,
    translate,
)
from .specs import GeneratedImage, ImageRef

PAGES = content.PAGES


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or content.DEFAULT_DEMO_PASSWORD


def ensure_locales(ctx: DemoContext) -> None:
    for code in ("de", "en"):
        locale, created = Locale.objects.get_or_create(language_code=code)
        ctx.report.add("locales", "created" if created else "unchanged")
        setattr(ctx, code, locale)
    if Locale.get_default() != ctx.de:
        raise CommandError("German must be the default language (LANGUAGE_CODE = 'de').")


def ensure_user(ctx: DemoContext, account: content.DemoAccount) -> None:
    """Create or repair a demo account: its password, flags, name and groups."""
    user_model = get_user_model()
    password = demo_password()
    user = user_model.objects.filter(username=account.username).first()
    is_new = user is None
    if is_new:
        user = user_model(username=account.username)
        user.set_password(password)
    changed = is_new
    if not is_new and not user.check_password(password):
        user.set_password(password)
        changed = True
    wanted = {
        "email": account.email,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "is_active": True,
        "is_staff": account.superuser,
        "is_superuser": account.superuser,
    }
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if changed:
        user.save()
    groups = [ctx.groups[key] for key in account.groups]
    if set(user.groups.all()) != set(groups):
        user.groups.set(groups)
        changed = True
    ctx.report.add("users", "created" if is_new else "updated" if changed else "unchanged")
    ctx.users[account.username] = user


def ensure_accounts(ctx: DemoContext) -> None:
    """The demo groups (each app's demo module adds its permissions) and accounts."""
    for key, name in content.GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        ctx.report.add("groups", "created" if created else "unchanged")
        ctx.groups[key] = group
    grant(ctx, "editors", "wagtailadmin.access_admin")
    grant(ctx, "organisers", "wagtailadmin.access_admin")
    # Wagtail's migrations create the root collection, but a flushed database (a test that
    # truncated the tables) has none.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=ctx.groups["editors"],
            collection=root_collection,
            permission=_permission("wagtailimages", codename),
        )
    for account in content.ACCOUNTS:
        ensure_user(ctx, account)
    ctx.user = ctx.users[content.ADMIN_USERNAME]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def render_png(spec: GeneratedImage) -> bytes:
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


def configure_site(ctx: DemoContext) -> None:
    home = ctx.pages["home"]
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    address = urlsplit(settings.SITE_URL or content.DEFAULT_SITE_URL)
    values = {
        "hostname": address.hostname,
        "port": address.port or (443 if address.scheme == "https" else 80),
        "site_name": content.SITE_NAME,
        "root_page": home.pk,
    }
    ctx.site = sync_object(ctx, "sites", site, values)
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk):
        if _is_wagtail_welcome_page(page) and not Site.objects.filter(root_page=page).exists():
            page.delete()
            ctx.report.add("pages", "deleted")
    grant_pages(ctx, "editors", home, "add_page", "change_page", "publish_page")


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
                        "image": ImageRef(funder["logo"].key),
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


def translate_focus_areas(ctx: DemoContext) -> None:
    for data in content.FOCUS_AREAS:
        german = FocusArea.objects.get(pk=ctx.focus_areas[data["slug"]].pk)
        english = FocusArea(locale=ctx.de)
        apply_values(english, field_values(ctx, FocusArea, data["slug"], data, lang="en"))
        translate(ctx, "focus areas (en)", german, english)


STEPS = {
    "setup": [ensure_locales, ensure_accounts, build_images],
    "pages_created": [configure_site, build_focus_areas, build_municipalities],
    "pages_published": [build_site_settings],
    "translated": [translate_focus_areas],
}
