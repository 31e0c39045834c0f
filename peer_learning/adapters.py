"""django-allauth for the portal: nobody signs up (facilitators invite members), and its mails
(password reset, e-mail change) go through the outbox like every other mail."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from outbox.services import send_email


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        return reverse("portal:dashboard")

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
