import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

from home.http import client_ip, over_limit

# The public site needs nothing from other origins and no inline code; the Wagtail admin
# (and its page previews) ship inline scripts, so it keeps Django's defaults.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        exempt = request.path.startswith(EXEMPT_PREFIXES) or (
            settings.DEBUG and response.status_code >= 400  # Django's technical error pages
        )
        if not exempt:
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


API_PREFIX = "/api/v3/"
API_READ_MAX_AGE = 60  # seconds: seat counts change, so shared caches keep a list briefly
API_RATE_WINDOW = 60


class ApiMiddleware:
    """For the headless API (/api/v3/): a per-IP limit on anonymous requests, and validators
    on public reads.

    Anonymous GETs get an ETag (from the body) and `Cache-Control: public`, and a 304 when
    If-None-Match matches; they vary by Accept-Language, since lists follow it. Requests
    with a token (writes, drafts) are `private, no-store` and never limited here: the token
    holder is known.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # LocaleMiddleware gives unprefixed paths the default language; the API has no
        # language prefix and answers in the language asked for instead.
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        anonymous = "HTTP_AUTHORIZATION" not in request.META
        if anonymous and over_limit(
            "api-rate",
            {"ip:" + client_ip(request): settings.API_ANONYMOUS_RATE_LIMIT},
            window=API_RATE_WINDOW,
        ):
            response = problem_response(
                status=429,
                detail=_("Zu viele Anfragen. Bitte versuchen Sie es in einer Minute noch einmal."),
            )
            response["Retry-After"] = str(API_RATE_WINDOW)
            return response
        response = self.get_response(request)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        if not anonymous:
            response["Cache-Control"] = "private, no-store"
            return response
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response.setdefault("Cache-Control", f"public, max-age={API_READ_MAX_AGE}")
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        response.setdefault("Cache-Control", "no-store")
        return response
