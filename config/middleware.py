from django.conf import settings

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
