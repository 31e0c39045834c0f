"""`make run`: the line with the site's address comes last and stands out."""

import io

from django.core.management import load_command_class


def test_the_address_of_the_site_is_the_last_line(monkeypatch):
    monkeypatch.setenv("DJANGO_RUNSERVER_HIDE_WARNING", "true")
    out = io.StringIO()
    command = load_command_class("home", "runserver")
    command.stdout = command.stdout.__class__(out)
    command.addr, command.protocol, command._raw_ipv6 = "127.0.0.1", "http", False

    command.on_bind(8611)

    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert "Querschnitt läuft: http://127.0.0.1:8611/" in lines[-2]
    assert "Admin: http://127.0.0.1:8611/admin/" in lines[-2]
    assert set(lines[-1].strip()) == {"="}
