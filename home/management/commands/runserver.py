"""Django's development server, with the site's address as the last, highlighted line."""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand


class Command(RunserverCommand):
    def on_bind(self, server_port):
        super().on_bind(server_port)
        addr = f"[{self.addr}]" if self._raw_ipv6 else self.addr
        url = f"{self.protocol}://{addr}:{server_port}/"
        line = f"  Querschnitt läuft: {url}    Admin: {url}admin/  "
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("=" * len(line)))
        self.stdout.write(self.style.SUCCESS(line))
        self.stdout.write(self.style.SUCCESS("=" * len(line)))
