"""The portal's rules for every request below /portal/ (and the account pages):

- never cached anywhere: `Cache-Control: private, no-store`;
- a session ends after settings.PORTAL_IDLE_TIMEOUT seconds without a request;
- facilitators and staff must have set up TOTP before they see the portal.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .transitions import is_staff

LAST_SEEN = "portal_last_seen"


def _portal_prefixes() -> tuple[str, ...]:
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("portal:dashboard"))
    return tuple(prefixes)


class PortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = None

    def __call__(self, request):
        if self.prefixes is None:
            self.prefixes = _portal_prefixes()
        in_portal = request.path.startswith(self.prefixes)
        if in_portal:
            response = self._check(request)
            if response is None:
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        if in_portal:
            response["Cache-Control"] = "private, no-store"
        return response

    def _check(self, request):
        user = request.user
        if not user.is_authenticated:
            return None
        now = int(time.time())
        last = request.session.get(LAST_SEEN)
        if last is not None and now - last > settings.PORTAL_IDLE_TIMEOUT:
            logout(request)
            return redirect(f"{reverse('account_login')}?next={request.path}")
        request.session[LAST_SEEN] = now
        account_pages = reverse("account_login").rsplit("/", 2)[0] + "/"
        if (
            settings.PORTAL_REQUIRE_MFA_FOR_STAFF
            and not request.path.startswith(account_pages)
            and _needs_mfa(user)
        ):
            messages.info(
                request,
                _("Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein (Authenticator-App)."),
            )
            return redirect("mfa_activate_totp")
        return None


def _needs_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    if not (is_staff(user) or user.facilitated_rounds.exists()):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
