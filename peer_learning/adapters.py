"""django-allauth for the portal: nobody signs up (facilitators invite members), and its mails
(password reset, e-mail change) go through the outbox like every other mail."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from home.links import site_url
from outbox.services import send_email


def _on_site(url: str) -> str:
    parts = urlsplit(url)
    return site_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        return reverse("portal:dashboard")

    # Links in mails come from the Wagtail Site (home.links), not from the request's host.
    def get_reset_password_from_key_url(self, key):
        return _on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return _on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix, email, context):
        # allauth's prefixes look like "account/email/password_reset_key"; our templates
        # live in templates/emails/account_<name>.*
        name = "account_" + template_prefix.rsplit("/", 1)[-1]
        context = {key: value for key, value in context.items() if key != "request"}
        user = context.get("user")
        send_email(
            to=email,
            template=name,
            language=getattr(context.get("request"), "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            context=context,
            related_to=user if getattr(user, "pk", None) else None,
        )
