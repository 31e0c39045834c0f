"""Run the daily commands (settings.DAILY_COMMANDS) in order: one line for cron or a timer.

A command that fails is reported and the others still run; the exit status tells cron that
something went wrong.
"""

import traceback

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the daily commands: " + ", ".join(settings.DAILY_COMMANDS) + "."

    def handle(self, *args, **options):
        failed = []
        for name in settings.DAILY_COMMANDS:
            self.stdout.write(f"== {name}")
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception:  # report it, then go on with the next command
                self.stderr.write(traceback.format_exc())
                failed.append(name)
        if failed:
            raise CommandError("Failed: " + ", ".join(failed))
