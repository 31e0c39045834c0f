"""Facts about the request that every app needs the same way."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: from the header a trusted reverse proxy sets (CLIENT_IP_HEADER), or
    REMOTE_ADDR. With a list (X-Forwarded-For), the last entry is the one our proxy added; the
    ones before it are whatever the client sent."""
    if settings.CLIENT_IP_HEADER:
        value = request.META.get(settings.CLIENT_IP_HEADER, "")
        if value.strip():
            return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"
