"""The shared page cache for anonymous visitors (docs/page-cache.md).

A page opts in by calling `allow(request)` while it serves its own view. The middleware then
keeps the response under (generation, host, language, path and the known query parameters)
and serves it to the next anonymous visitor without touching the database:

- `flush()` starts a new generation: every page is rendered anew. Content changes call it
  (publish, unpublish, move, delete, snippets, settings, images in use).
- `depends_on(tag, until=...)`: what a page shows of a changing thing (an event's seats). The
  entry keeps the version of each tag it showed; `touch(tag)` gives the tag a new version, and
  an entry whose tags moved on is rendered anew. `until` ends the entry at a moment when the
  page would look different by itself (registration opens or closes, an event ends).

The CSRF token of the visitor who filled the cache must never reach another one: while a page
is rendered for the cache its templates get a placeholder instead of the token, and every
response has the placeholder swapped for the token of its own visitor.
"""

import contextvars
import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

CSRF_PLACEHOLDER = "page-cache-csrf-placeholder-1f0c"
GENERATION_KEY = "page-cache:generation"
TAG_KEY = "page-cache:tag:{}"
HEADER = "X-Page-Cache"
# Headers that belong to one visitor or are recomputed for each response.
PERSONAL_HEADERS = {"set-cookie", "content-length", HEADER.lower()}


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@dataclass
class Recording:
    """What the page being rendered allowed and depended on."""

    allowed: bool = False
    tags: set[str] = field(default_factory=set)
    until: datetime.datetime | None = None


_recording: contextvars.ContextVar[Recording | None] = contextvars.ContextVar(
    "page_cache_recording", default=None
)


def allow(request) -> None:
    """The view being served shows the same to every anonymous visitor: it may be cached."""
    recording = _recording.get()
    if recording is not None:
        recording.allowed = True


def depends_on(tag: str, *, until: datetime.datetime | None = None) -> None:
    recording = _recording.get()
    if recording is None:
        return
    recording.tags.add(tag)
    if until is not None and (recording.until is None or until < recording.until):
        recording.until = until


def rendering_for_cache() -> bool:
    return _recording.get() is not None


def flush() -> None:
    cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def touch(*tags: str) -> None:
    cache().set_many({TAG_KEY.format(tag): secrets.token_hex(8) for tag in tags}, timeout=None)


def event_tag(translation_key) -> str:
    return f"event:{translation_key}"


def _current(key: str) -> str:
    """The version under `key`, created when missing: a lost key must never bring back a
    version that old entries still carry."""
    store = cache()
    value = store.get(key)
    if value is None:
        store.add(key, secrets.token_hex(8), timeout=None)
        value = store.get(key)
    return value


def _tag_versions(tags) -> dict[str, str]:
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    return {tag: found[key] if key in found else _current(key) for key, tag in keys.items()}


# --- the middleware ----------------------------------------------------------------------------


class PageCacheMiddleware:
    """Sits after CsrfViewMiddleware (which reads the visitor's CSRF cookie) and before
    everything that looks at the session or the user: a hit costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        entry = cache().get(key)
        if entry is not None and self.fresh(entry):
            return self.personalised(request, self.rebuild(entry), hit=True)

        recording = Recording()
        token = _recording.set(recording)
        try:
            response = self.get_response(request)
        finally:
            _recording.reset(token)
        if self.storable(request, response, recording):
            self.store(key, response, recording)
        return self.personalised(request, response, hit=False)

    # Which requests and responses qualify.

    def cacheable_request(self, request) -> bool:
        if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
            return False
        if request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
            return False
        # Someone with a session (logged in, or with messages waiting) or credentials gets
        # their own page; so do requests with query parameters the pages do not know.
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return (
            all(
                name in settings.PAGE_CACHE_QUERY_PARAMETERS and len(values) == 1
                for name, values in request.GET.lists()
            )
            and len(request.META.get("QUERY_STRING", "")) <= 200
        )

    def storable(self, request, response, recording: Recording) -> bool:
        if not recording.allowed or response.status_code != 200 or response.streaming:
            return False
        # Something asked for the visitor's real CSRF token while rendering (instead of the
        # template tag, which got the placeholder): the page holds it.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        # A view that set anything but the CSRF cookie (a session, messages) made it personal.
        return set(response.cookies) <= {settings.CSRF_COOKIE_NAME} and (
            "private" not in response.get("Cache-Control", "")
        )

    # Keys and entries.

    def key(self, request) -> str:
        generation = _current(GENERATION_KEY)
        query = sorted(request.GET.items())
        where = f"{request.get_host()}|{request.path}|{query}"
        digest = hashlib.sha256(where.encode()).hexdigest()[:32]
        return f"page-cache:{generation}:{translation.get_language()}:{digest}"

    def store(self, key: str, response, recording: Recording) -> None:
        # Until the page would look different by itself (registration opens or closes).
        left = None
        if recording.until is not None:
            left = int((recording.until - timezone.now()).total_seconds())
            if left <= 0:
                return
        if settings.FRONTEND_CACHE_MAX_AGE:
            # A CDN in front may keep it too; it is purged with ours (purge_frontend_cache).
            shared = min(settings.FRONTEND_CACHE_MAX_AGE, left or settings.FRONTEND_CACHE_MAX_AGE)
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared)
        timeout = min(settings.PAGE_CACHE_TIMEOUT, left or settings.PAGE_CACHE_TIMEOUT)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in PERSONAL_HEADERS
        ]
        entry = {
            "content": response.content,
            "headers": headers,
            "tags": _tag_versions(recording.tags),
        }
        cache().set(key, entry, timeout=timeout)

    def fresh(self, entry) -> bool:
        tags = entry["tags"]
        if not tags:
            return True
        keys = {TAG_KEY.format(tag): version for tag, version in tags.items()}
        found = cache().get_many(list(keys))
        return all(found.get(key) == version for key, version in keys.items())

    def rebuild(self, entry) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        return response

    def personalised(self, request, response, *, hit: bool):
        """The visitor's own CSRF token in place of the placeholder (which sets the CSRF
        cookie only on pages with a form, as rendering them directly would)."""
        if not response.streaming:
            placeholder = CSRF_PLACEHOLDER.encode()
            if placeholder in response.content:
                response.content = response.content.replace(
                    placeholder, get_token(request).encode()
                )
                # Holds this visitor's token: no shared cache downstream may keep it.
                response["Cache-Control"] = "private"
        response[HEADER] = "hit" if hit else "miss"
        return response


def csrf_placeholder(request) -> dict:
    """Context processor: while a page is rendered for the cache, `{% csrf_token %}` writes
    the placeholder, which the middleware swaps for each visitor's token."""
    return {"csrf_token": CSRF_PLACEHOLDER} if rendering_for_cache() else {}


class CachedPageMixin:
    """For pages that look the same to every anonymous visitor: their views may be cached."""

    def serve(self, request, *args, **kwargs):
        allow(request)
        return super().serve(request, *args, **kwargs)


# --- invalidation --------------------------------------------------------------------------------

# Saves that only touch a page's draft state leave the live page as it was.
DRAFT_FIELDS = {
    "latest_revision", "latest_revision_created_at", "has_unpublished_changes", "draft_title",
    "locked", "locked_at", "locked_by",
}  # fmt: skip


def flush_now_and_after_commit() -> None:
    """Now, so that this process stops serving the old page at once, and after the commit,
    so that a request that read the old rows meanwhile cannot keep them in the cache."""
    flush()
    transaction.on_commit(flush)
    if frontend_cache_enabled():
        transaction.on_commit(purge_frontend_cache.enqueue)


def touch_now_and_after_commit(*tags: str, translation_keys=()) -> None:
    touch(*tags)
    transaction.on_commit(lambda: touch(*tags))
    if frontend_cache_enabled() and translation_keys:
        keys = [str(key) for key in translation_keys]
        transaction.on_commit(lambda: purge_frontend_cache.enqueue(translation_keys=keys))


def frontend_cache_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


@task()
def purge_frontend_cache(translation_keys: list[str] | None = None) -> int:
    """Purge a CDN or Varnish in front of the site (wagtail.contrib.frontend_cache): every live
    page, or the pages with these translation keys and the pages above them (the listings).
    A background task: the purge requests go out to other servers."""
    pages = Page.objects.live().filter(depth__gt=1)
    if translation_keys is not None:
        shown = list(pages.filter(translation_key__in=translation_keys))
        paths = {page.path[:depth] for page in shown for depth in range(4, len(page.path) + 1, 4)}
        pages = pages.filter(path__in=paths)
    batch = PurgeBatch()
    batch.add_pages(pages.specific())
    batch.purge()
    return len(batch.urls)


def _page_changed(sender, instance=None, **kwargs):
    flush_now_and_after_commit()


def _saved(sender, instance, update_fields=None, created=False, **kwargs):
    if isinstance(instance, Page):
        if not instance.live or (update_fields and set(update_fields) <= DRAFT_FIELDS):
            return
        flush_now_and_after_commit()
    elif isinstance(instance, AbstractImage | AbstractDocument):
        # A new upload or an unused file shows on no page: the reference index knows.
        if not created and ReferenceIndex.get_references_to(instance).exists():
            flush_now_and_after_commit()
    elif _shown_on_pages(sender):
        flush_now_and_after_commit()


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | AbstractImage | AbstractDocument) or _shown_on_pages(sender):
        flush_now_and_after_commit()


def _shown_on_pages(model) -> bool:
    """Snippets, site settings, locales and sites: pages show them (the home page lists every
    municipality without a reference to it), so any change to them counts."""
    return model in get_snippet_models() or issubclass(model, BaseSiteSetting | Locale | Site)


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"page_cache.{id(signal)}")
    post_save.connect(_saved, dispatch_uid="page_cache.saved")
    post_delete.connect(_deleted, dispatch_uid="page_cache.deleted")
