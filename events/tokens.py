"""The signed personal link of a registration (no login): whoever holds it may see and cancel.

The link carries the registration's random token, signed with a timestamp so that it stops
working `REGISTRATION_LINK_MAX_AGE_DAYS` after it was made.
"""

from django.conf import settings
from django.core import signing

from .models import Registration

SIGNING_SALT = "events.registration"


def registration_token(registration: Registration) -> str:
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(registration.token))


def registration_for_token(token: str) -> Registration | None:
    """The registration behind a signed link, or None when it is tampered, expired or gone."""
    max_age = settings.REGISTRATION_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        raw = signing.TimestampSigner(salt=SIGNING_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event")
        .filter(token=raw, anonymised_at__isnull=True)
        .first()
    )
