"""Facts about the request that every app needs the same way."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address: from the header a trusted reverse proxy sets (CLIENT_IP_HEADER), or
    REMOTE_ADDR. With a list (X-Forwarded-For), the last entry is the one our proxy added; the
    ones before it are whatever the client sent."""
    if settings.CLIENT_IP_HEADER:
        value = request.META.get(settings.CLIENT_IP_HEADER, "")
        if value.strip():
            return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"


def login_name(request, credentials) -> str:
    """The name a log-in attempt was for, as django-axes counts it: the admin sends
    `username`, the portal (django-allauth) an `email`; both lower-cased, so that changing the
    case of the address does not reset the count."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("email") or ""
    if not name and request is not None:
        name = request.POST.get("login", "") or request.POST.get("username", "")
    return str(name).strip().lower()


def over_limit(prefix: str, limits: dict[str, int], *, window: int) -> bool:
    """Count one more hit for each subject (an IP, an address) in fixed windows of `window`
    seconds in the cache; True when any of them is over its limit. Subjects are hashed: the
    cache holds no addresses."""
    over = False
    for subject, limit in limits.items():
        key = f"{prefix}:" + hashlib.sha256(subject.encode()).hexdigest()
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
        over = over or count > limit
    return over
