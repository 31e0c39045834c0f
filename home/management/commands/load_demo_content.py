"""Build the demo site from the apps' demo modules (settings.DEMO_CONTENT, in order).

Each app brings its own module (`home.demo`, `events.demo`, `outbox.demo`, ...) with its
pages and steps; `home.demo.builder` runs them phase by phase in one transaction. The
command is idempotent and refuses production settings.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.demo import content
from home.demo.builder import refuse_unsafe_settings, run


class Command(BaseCommand):
    help = "Build the demo site (pages, English translations, settings, accounts, activity)."

    def handle(self, *args, **options):
        refuse_unsafe_settings(
            "load_demo_content",
            "it replaces the home page and creates accounts with a known password.",
        )
        try:
            ctx = run(settings.DEMO_CONTENT)
        except ValidationError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
        self.stdout.write("Demo content:")
        for line in ctx.report.lines():
            self.stdout.write(line)
        if ctx.report.changed:
            self.stdout.write(self.style.SUCCESS("Demo site is ready."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site was already up to date."))
        source = "DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else "the default demo password"
        users = ", ".join(account.username for account in content.ACCOUNTS)
        self.stdout.write(
            f"Logins: {users} (admin) and the portal's demo accounts, all with {source} "
            "(see README)."
        )
